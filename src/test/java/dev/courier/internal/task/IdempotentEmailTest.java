package dev.courier.internal.task;

import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.SignupNodeTest;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's {@code POST /v1/emails} with an {@code Idempotency-Key}: a retry with the same key answers the same
 * 202 and sends one e-mail; another caller's same key is its own; a key the contract refuses is a 400.
 */
class IdempotentEmailTest extends SignupNodeTest {

  @Override
  protected JsonObject overrides() {
    return new JsonObject().put("role", "all");
  }

  private HttpResponse<Buffer> sendEmail(String bearer, String key, int delaySeconds) {
    HttpRequest<Buffer> post = app.client.post("/v1/emails").putHeader("Authorization", bearer);
    if (key != null) {
      post.putHeader("Idempotency-Key", key);
    }
    return post.sendJsonObject(new JsonObject().put("to", "bob@example.org").put("subject", "Hi")
      .put("body", "Hello Bob").put("delay_seconds", delaySeconds)).await();
  }

  private JsonArray outbox(String bearer) {
    return app.client.get("/v1/outbox").putHeader("Authorization", bearer).send().await().bodyAsJsonObject()
      .getJsonArray("emails");
  }

  /** Waits for {@code count} e-mails, then a little more, so one more would have shown. */
  private JsonArray settledOutbox(String bearer, int count) throws InterruptedException {
    Eventually.until(Duration.ofSeconds(10), () -> outbox(bearer), a -> a.size() >= count);
    TimeUnit.MILLISECONDS.sleep(500);
    return outbox(bearer);
  }

  @Test
  void a_retry_with_the_same_key_answers_the_same_202_and_sends_one_email() throws InterruptedException {
    String alice = Tokens.bearer(app.vertx, "alice-" + System.nanoTime());
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = sendEmail(alice, key, 0);
    HttpResponse<Buffer> retry = sendEmail(alice, key, 0);

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(202);
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    JsonArray emails = settledOutbox(alice, 1);
    assertThat(emails).hasSize(1);
    assertThat(emails.getJsonObject(0).getString("task_id")).isEqualTo(first.bodyAsJsonObject().getString("task_id"));
  }

  @Test
  void a_delayed_email_retried_with_its_key_keeps_its_first_due_time() {
    String alice = Tokens.bearer(app.vertx, "alice-later-" + System.nanoTime());
    String key = UUID.randomUUID().toString();

    JsonObject first = sendEmail(alice, key, 60).bodyAsJsonObject();
    HttpResponse<Buffer> retry = sendEmail(alice, key, 60);

    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first);
  }

  @Test
  void without_a_key_or_with_another_callers_key_each_post_is_its_own_email() throws InterruptedException {
    String bob = Tokens.bearer(app.vertx, "bob-" + System.nanoTime());
    String carol = Tokens.bearer(app.vertx, "carol-" + System.nanoTime());
    String key = "shared-" + System.nanoTime();

    String one = sendEmail(bob, null, 0).bodyAsJsonObject().getString("task_id");
    String two = sendEmail(bob, null, 0).bodyAsJsonObject().getString("task_id");
    HttpResponse<Buffer> bobs = sendEmail(bob, key, 0);
    HttpResponse<Buffer> carols = sendEmail(carol, key, 0);

    assertThat(one).isNotEqualTo(two);
    assertThat(carols.bodyAsJsonObject().getString("task_id"))
      .isNotEqualTo(bobs.bodyAsJsonObject().getString("task_id"));
    assertThat(carols.getHeader("Idempotent-Replayed")).isNull();
    assertThat(settledOutbox(bob, 3)).hasSize(3);
    assertThat(settledOutbox(carol, 1)).hasSize(1);
  }

  @Test
  void a_key_the_contract_refuses_is_a_400_naming_the_header() {
    String alice = Tokens.bearer(app.vertx, "alice-bad-" + System.nanoTime());
    for (String bad : new String[] {"has space", "x".repeat(201)}) {
      HttpResponse<Buffer> r = sendEmail(alice, bad, 0);

      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
      JsonObject error = r.bodyAsJsonObject();
      assertThat(error.getString("request_id")).isNotBlank();
      assertThat(error.encode()).contains("Idempotency-Key");
    }
    assertThat(outbox(alice)).isEmpty();
  }
}
