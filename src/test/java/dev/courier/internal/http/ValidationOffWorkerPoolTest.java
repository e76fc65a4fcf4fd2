package dev.courier.internal.http;

import dev.courier.internal.testing.SignupNodeTest;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request validation (and response validation, on in tests) runs on the event loop: with every thread of Vert.x's
 * default worker pool stuck in blocking code, the API still validates, answers and enqueues. It once froze instead.
 */
class ValidationOffWorkerPoolTest extends SignupNodeTest {

  @Test
  @Timeout(30)
  void the_api_answers_while_the_default_worker_pool_is_exhausted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stuck = new CountDownLatch(VertxOptions.DEFAULT_WORKER_POOL_SIZE);
    for (int i = 0; i < VertxOptions.DEFAULT_WORKER_POOL_SIZE; i++) {
      app.vertx.executeBlocking(() -> {
        stuck.countDown();
        return release.await(60, TimeUnit.SECONDS);
      }, false);
    }
    try {
      assertThat(stuck.await(10, TimeUnit.SECONDS)).as("every worker thread is blocked").isTrue();
      String bearer = Tokens.bearer(app.vertx, "alice");

      HttpResponse<Buffer> queued = app.client.post("/v1/emails").putHeader("Authorization", bearer)
        .timeout(5_000)
        .sendJsonObject(new JsonObject().put("to", "bob@example.org").put("subject", "Hi").put("body", "Hello"))
        .await();
      assertThat(queued.statusCode()).as(queued.bodyAsString()).isEqualTo(202);

      JsonObject invalid = assertError(app.client.post("/v1/emails").putHeader("Authorization", bearer)
        .timeout(5_000).sendJsonObject(new JsonObject().put("to", "not-an-address")).await(), 400, "bad_request");
      assertThat(invalid.getJsonArray("details")).isNotEmpty();

      assertError(app.client.get("/v1/users/not-a-ulid").putHeader("Authorization", bearer).timeout(5_000).send()
        .await(), 400, "bad_request");
    } finally {
      release.countDown();
    }
  }
}
