package dev.courier.internal.redis;

import dev.courier.example.signup.SignupService;
import dev.courier.internal.testing.Resp;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.task.TaskNotDurableException;
import dev.courier.task.TaskReceipt;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code redis.ackReplicas}: a fire succeeds only once that many replicas hold it ({@code WAIT} on the script's own
 * connection); without them it fails with {@link TaskNotDurableException} (HTTP 503 {@code not_durable}), the task
 * written but unconfirmed. Real Redis processes: a master alone, then the same master with a linked replica.
 */
class DurableFireTest {

  private static JsonObject acking(int replicas, int timeoutMs) {
    return new JsonObject().put("role", "all")
      .put("redis", new JsonObject().put("ackReplicas", replicas).put("ackTimeoutMs", timeoutMs));
  }

  private static HttpResponse<Buffer> sendEmail(TestNode app) {
    return app.client.post("/v1/emails").putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
      .sendJsonObject(new JsonObject().put("to", "bob@example.org").put("subject", "Hi").put("body", "durable?"))
      .await();
  }

  @Test
  void without_a_replica_a_fire_fails_as_not_durable_but_the_task_is_written_and_runs() {
    try (RedisFixture redis = RedisFixture.start();
         TestNode app = TestNode.start(new SignupService(), redis.url(), acking(1, 200))) {
      Throwable refused = catchThrowable(() -> app.node.tasks().task("sendEmail")
        .fire("bob@example.org", "Hi", "in process").await());
      assertThat(refused).isInstanceOf(TaskNotDurableException.class);
      TaskNotDurableException notDurable = (TaskNotDurableException) refused;
      assertThat(notDurable.taskIds()).hasSize(1);
      assertThat(notDurable.confirmed()).isZero();
      assertThat(notDurable.required()).isEqualTo(1);
      TaskProbe probe = new TaskProbe(app);
      until(Duration.ofSeconds(10), () -> probe.state(notDurable.taskIds().get(0)).equals("succeeded"));

      HttpResponse<Buffer> answer = sendEmail(app);
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(503);
      assertThat(answer.getHeader("Retry-After")).isNotBlank();
      JsonObject body = answer.bodyAsJsonObject();
      assertThat(body.getString("error")).isEqualTo("not_durable");
      assertThat(body.getString("request_id")).isNotBlank();
      String taskId = body.getJsonArray("details").getJsonObject(0).getJsonArray("task_ids").getString(0);
      until(Duration.ofSeconds(10), () -> probe.state(taskId).equals("succeeded"));
    }
  }

  @Test
  void with_a_linked_replica_a_fire_succeeds_once_the_replica_holds_it() {
    try (RedisFixture master = RedisFixture.start();
         RedisFixture replica = RedisFixture.start();
         TestNode app = TestNode.start(new SignupService(), master.url(), acking(1, 5_000))) {
      Resp.call(master.port(), "CONFIG", "SET", "repl-diskless-sync-delay", "0");
      Resp.call(replica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
      until(Duration.ofSeconds(10), () -> Resp.text(replica.port(), "INFO", "replication")
        .contains("master_link_status:up") && Resp.text(master.port(), "INFO", "replication").contains("state=online"));

      TaskReceipt fired = app.node.tasks().task("sendEmail").fire("bob@example.org", "Hi", "confirmed").await();
      String key = app.prefix + ":{" + "default" + "}:task:" + fired.taskId();
      assertThat(Resp.call(replica.port(), "EXISTS", key)).as("on the replica when the fire returned").isEqualTo(1L);
      assertThat(sendEmail(app).statusCode()).isEqualTo(202);
    }
  }
}
