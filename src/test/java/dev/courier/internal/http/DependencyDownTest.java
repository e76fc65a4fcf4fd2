package dev.courier.internal.http;

import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.impl.types.ErrorType;

import java.util.List;
import org.junit.jupiter.api.Test;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** While Redis is down, operations that need it answer 503 in the one error shape (retryable), not 500. */
class DependencyDownTest {

  @Test
  void storing_and_firing_while_redis_is_down_is_a_503() {
    try (RedisFixture redis = RedisFixture.start();
         TestNode app = TestNode.start(new SignupService(), redis.url(), new JsonObject())) {
      redis.stop();
      HttpResponse<Buffer> signup = app.client.post("/v1/signup")
        .sendJsonObject(new JsonObject().put("email", "down@example.org").put("name", "D")).await();
      assertError(signup, 503, "unavailable");
      assertThat(signup.getHeader("Retry-After")).isEqualTo("1");
      assertError(app.client.post("/v1/emails").putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
        .sendJsonObject(new JsonObject().put("to", "b@example.org").put("subject", "s").put("body", "b")).await(),
        503, "unavailable");
    }
  }

  @Test
  void redis_loading_or_failing_over_is_a_503_too() {
    for (String reply : List.of("LOADING Redis is loading the dataset in memory", "MASTERDOWN Link with MASTER is down",
      "READONLY You can't write against a read only replica.", "CONNECTION_CLOSED")) {
      assertThat(ErrorMapping.of(ErrorType.create(reply), 500).status()).as(reply).isEqualTo(503);
    }
    assertThat(ErrorMapping.of(ErrorType.create("ERR wrong number of arguments"), 500).status()).isEqualTo(500);
  }
}
