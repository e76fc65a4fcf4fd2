package dev.courier.internal.task;

import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.SignupNodeTest;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The example service's tasks on a role-all node: endpoint fires, worker runs it as the caller, status tells. */
class EmailTaskFlowTest extends SignupNodeTest {


  @Override
  protected JsonObject overrides() {
    return new JsonObject().put("role", "all");
  }

  private HttpResponse<Buffer> sendEmail(String bearer, String requestId, int delaySeconds) {
    return app.client.post("/v1/emails").putHeader("Authorization", bearer).putHeader("X-Request-Id", requestId)
      .sendJsonObject(new JsonObject().put("to", "bob@example.org").put("subject", "Hi").put("body", "Hello Bob")
        .put("delay_seconds", delaySeconds)).await();
  }

  private JsonArray outbox(String bearer) {
    return app.client.get("/v1/outbox").putHeader("Authorization", bearer).send().await().bodyAsJsonObject()
      .getJsonArray("emails");
  }

  private JsonObject status(String bearer, String taskId) {
    HttpResponse<Buffer> r = app.client.get("/v1/tasks/" + taskId).putHeader("Authorization", bearer).send().await();
    return r.statusCode() == 200 ? r.bodyAsJsonObject() : new JsonObject().put("http", r.statusCode());
  }

  @Test
  void an_email_task_runs_as_the_caller_with_the_request_id_and_reports_success() {
    String alice = Tokens.bearer(app.vertx, "alice-" + System.nanoTime());
    HttpResponse<Buffer> queued = sendEmail(alice, "req-email-1", 0);
    assertThat(queued.statusCode()).as(queued.bodyAsString()).isEqualTo(202);
    String taskId = queued.bodyAsJsonObject().getString("task_id");

    JsonArray emails = Eventually.until(Duration.ofSeconds(10), () -> outbox(alice), a -> a.size() == 1);
    JsonObject email = emails.getJsonObject(0);
    assertThat(email.getString("task_id")).isEqualTo(taskId);
    assertThat(email.getString("sent_by")).startsWith("alice-");
    assertThat(email.getString("request_id")).isEqualTo("req-email-1");

    JsonObject done = Eventually.until(Duration.ofSeconds(5), () -> status(alice, taskId),
      s -> "succeeded".equals(s.getString("state")));
    assertThat(done.getInteger("attempts")).isEqualTo(1);
    assertThat(done.getString("finished_at")).isNotNull();
    assertThat(done.getJsonObject("result")).as("what sendEmail returned")
      .isEqualTo(new JsonObject().put("to", "bob@example.org").put("sent_at", email.getString("sent_at")));
    assertThat(done.containsKey("result_error")).isFalse();
  }

  @Test
  void a_task_without_a_result_shows_none() {
    JsonObject user = app.client.post("/v1/signup")
      .sendJsonObject(new JsonObject().put("email", "noresult-" + System.nanoTime() + "@example.org").put("name", "N"))
      .await().bodyAsJsonObject();
    String admin = Tokens.bearer(app.vertx, "root", "admin");
    String welcome = Eventually.until(Duration.ofSeconds(10), () -> outbox(Tokens.bearer(app.vertx,
      user.getString("user_id"))), a -> a.size() == 1).getJsonObject(0).getString("task_id");

    JsonObject done = Eventually.until(Duration.ofSeconds(5), () -> status(admin, welcome),
      s -> "succeeded".equals(s.getString("state")));

    assertThat(done.containsKey("result")).isFalse();
    assertThat(done.containsKey("result_error")).isFalse();
  }

  @Test
  void a_damaged_status_is_answered_with_state_unknown_not_a_500() {
    String alice = Tokens.bearer(app.vertx, "alice-damaged");
    String id = "01ARZ3NDEKTSV4RRFFQ69G5FAX";
    RedisAPI.api(app.node.redis()).hset(List.of(new QueueKeys(app.prefix, "default").task(id), "subject",
      "alice-damaged", "state", "exploded", "attempts", "x", "started_at", "soon", "result", "{not json")).await();

    String admin = Tokens.bearer(app.vertx, "root", "admin");
    HttpResponse<Buffer> r = app.client.get("/v1/tasks/" + id).putHeader("Authorization", admin).send().await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200); // the contract's response schema checked too
    // the hash's subject is unsigned and this record has no envelope: it proves no ownership, only an admin sees it
    assertThat(app.client.get("/v1/tasks/" + id).putHeader("Authorization", alice).send().await().statusCode())
      .isEqualTo(404);
    JsonObject s = r.bodyAsJsonObject();
    assertThat(s.getString("state")).isEqualTo("unknown");
    assertThat(s.getInteger("attempts")).isZero();
    assertThat(s.getString("started_at")).isNull();
    assertThat(s.containsKey("result")).isFalse();
    assertThat(s.getString("result_error")).isEqualTo("the stored result is not valid JSON");
  }

  @Test
  void only_the_tasks_subject_or_an_admin_sees_its_status() {
    String alice = Tokens.bearer(app.vertx, "alice-status");
    String taskId = sendEmail(alice, "req-status", 0).bodyAsJsonObject().getString("task_id");
    assertThat(status(Tokens.bearer(app.vertx, "mallory"), taskId).getInteger("http")).isEqualTo(404);
    assertThat(status(Tokens.bearer(app.vertx, "root", "admin"), taskId).getString("task_id")).isEqualTo(taskId);
    assertThat(status(alice, "01ARZ3NDEKTSV4RRFFQ69G5FAV").getInteger("http")).isEqualTo(404);
  }

  @Test
  void a_delayed_email_waits_for_its_due_time() {
    String carol = Tokens.bearer(app.vertx, "carol-" + System.nanoTime());
    JsonObject queued = sendEmail(carol, "req-delayed", 2).bodyAsJsonObject();
    String taskId = queued.getString("task_id");
    assertThat(status(carol, taskId).getString("state")).isEqualTo("delayed");
    JsonObject done = Eventually.until(Duration.ofSeconds(10), () -> status(carol, taskId),
      s -> "succeeded".equals(s.getString("state")));
    assertThat(Instant.parse(done.getString("started_at")))
      .isAfterOrEqualTo(Instant.parse(queued.getString("due_at")));
    assertThat(outbox(carol)).hasSize(1);
  }

  @Test
  void signup_fires_a_welcome_email_into_the_new_users_outbox() {
    JsonObject user = app.client.post("/v1/signup")
      .sendJsonObject(new JsonObject().put("email", "welcome-" + System.nanoTime() + "@example.org").put("name", "W"))
      .await().bodyAsJsonObject();
    String asUser = Tokens.bearer(app.vertx, user.getString("user_id"));
    JsonArray emails = Eventually.until(Duration.ofSeconds(10), () -> outbox(asUser), a -> a.size() == 1);
    assertThat(emails.getJsonObject(0).getString("subject")).isEqualTo("Welcome!");
    assertThat(emails.getJsonObject(0).getString("to")).isEqualTo(user.getString("email"));
  }
}
