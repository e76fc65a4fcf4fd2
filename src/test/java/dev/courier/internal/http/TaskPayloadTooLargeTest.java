package dev.courier.internal.http;

import dev.courier.example.signup.SignupService;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** A request whose task would carry more than tasks.maxPayloadBytes is the client's to shrink: 413, not 500. */
class TaskPayloadTooLargeTest {

  @Test
  void argumentsOverTheTaskLimitAnswer413AndFireNothing() {
    JsonObject config = new JsonObject().put("http", new JsonObject().put("maxBodyBytes", 65_536))
      .put("tasks", new JsonObject().put("maxPayloadBytes", 1_024));
    try (TestNode app = TestNode.start(new SignupService(), RedisFixture.shared().url(), config)) {
      HttpResponse<Buffer> refused = app.client.post("/v1/emails")
        .putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
        .sendJsonObject(new JsonObject().put("to", "bob@example.org").put("subject", "Big").put("body", "x".repeat(5_000)))
        .await();
      assertError(refused, 413, "payload_too_large");
      assertThat(refused.bodyAsJsonObject().getString("message")).contains("tasks.maxPayloadBytes");

      HttpResponse<Buffer> small = app.client.post("/v1/emails")
        .putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
        .sendJsonObject(new JsonObject().put("to", "bob@example.org").put("subject", "Small").put("body", "x")).await();
      assertThat(small.statusCode()).isEqualTo(202);
    }
  }
}
