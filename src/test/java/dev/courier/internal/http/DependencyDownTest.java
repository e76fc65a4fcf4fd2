package dev.courier.internal.http;

import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.courier.internal.http.ErrorShape.assertError;

/** While Redis is down, operations that need it answer 503 in the one error shape (retryable), not 500. */
class DependencyDownTest {

  @Test
  void storing_and_firing_while_redis_is_down_is_a_503() {
    try (RedisFixture redis = RedisFixture.start();
         TestNode app = TestNode.start(new SignupService(), redis.url(), new JsonObject())) {
      redis.stop();
      assertError(app.client.post("/v1/signup")
        .sendJsonObject(new JsonObject().put("email", "down@example.org").put("name", "D")).await(), 503,
        "unavailable");
      assertError(app.client.post("/v1/emails").putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
        .sendJsonObject(new JsonObject().put("to", "b@example.org").put("subject", "s").put("body", "b")).await(),
        503, "unavailable");
    }
  }
}
