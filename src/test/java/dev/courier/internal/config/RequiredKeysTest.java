package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredKeysTest {

  @Test
  void redisUrlIsRequired() {
    JsonObject json = minimal();
    json.getJsonObject("redis").remove("url");
    failureOf(json).isEqualTo("config key 'redis.url' is missing; set it in the config file or in COURIER_REDIS_URL");
  }

  @Test
  void nullCountsAsMissing() {
    failureOf(minimalWith("tasks.signingKey", null))
      .isEqualTo("config key 'tasks.signingKey' is missing; set it in the config file or in COURIER_TASKS_SIGNING_KEY");
  }

  @Test
  void missingKeyHasItsType() {
    JsonObject json = minimal();
    json.remove("tasks");
    assertThatThrownBy(() -> ConfigFixtures.load(json)).isInstanceOfSatisfying(ConfigException.class,
      e -> org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo(ConfigErrorType.MISSING_KEY));
  }

  @Test
  void hs256NeedsASecret() {
    JsonObject json = minimal();
    json.getJsonObject("auth").getJsonObject("jwt").remove("secret");
    failureOf(json).isEqualTo("config key 'auth.jwt.secret': required when auth.jwt.algorithm is HS256");
  }

  @Test
  void jwtSecretMustBe32Characters() {
    failureOf(minimalWith("auth.jwt.secret", "short-secret-value"))
      .isEqualTo("config key 'auth.jwt.secret': must be at least 32 characters, got *** (18 characters)");
  }

  @Test
  void signingKeyFromEnvMustBe32Characters() {
    failureOf(minimal(), Map.of("COURIER_TASKS_SIGNING_KEY", "tiny"))
      .isEqualTo("config key 'tasks.signingKey' (from COURIER_TASKS_SIGNING_KEY): must be at least 32 characters,"
        + " got *** (4 characters)");
  }

  @Test
  void backoffMaxMustNotBeBelowBase() {
    failureOf(ConfigFixtures.with(minimalWith("tasks.backoffBaseMillis", 5000), "tasks.backoffMaxMillis", 4000))
      .isEqualTo("config key 'tasks.backoffMaxMillis': must be at least tasks.backoffBaseMillis (5000), got 4000");
  }
}
