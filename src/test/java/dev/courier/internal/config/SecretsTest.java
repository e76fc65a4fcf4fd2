package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.JWT_SECRET;
import static dev.courier.internal.config.ConfigFixtures.SIGNING_KEY;
import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets never reach toString() nor any exception message. */
class SecretsTest {

  private static final String PASSWORD = "s3cr3t-redis-pw";

  @Test
  void toStringHidesSecretsAndRedisPasswords() {
    CourierConfig config = load(ConfigFixtures.with(
      minimalWith("redis.url", "redis://app:" + PASSWORD + "@cache:6379/0"),
      "redis.endpoints", new JsonArray().add("redis://:" + PASSWORD + "@sentinel-1:26379")));
    String text = config.toString();
    assertThat(text)
      .doesNotContain(JWT_SECRET).doesNotContain(SIGNING_KEY).doesNotContain(PASSWORD)
      .contains("redis://app:***@cache:6379/0", "redis://:***@sentinel-1:26379", "secret=***", "signingKeys=*** (1)");
    assertThat(config.redis().url()).contains(PASSWORD);
  }

  @Test
  void toStringShowsServiceKeysButNotValues() {
    String text = load(minimal().put("service", new JsonObject().put("apiKey", "user-own-secret"))).toString();
    assertThat(text).contains("apiKey").doesNotContain("user-own-secret");
  }

  @Test
  void shortSecretIsNotInTheMessage() {
    String secret = "short-but-real-secret";
    failureOf(minimalWith("auth.jwt.secret", secret)).doesNotContain(secret).contains("auth.jwt.secret");
    failureOf(minimal(), Map.of("COURIER_AUTH_JWT_SECRET", secret)).doesNotContain(secret);
    failureOf(minimal(), Map.of("COURIER_TASKS_SIGNING_KEY", secret)).doesNotContain(secret);
  }

  @Test
  void secretOfTheWrongTypeIsNotInTheMessage() {
    failureOf(minimalWith("tasks.signingKey", 123456789)).doesNotContain("123456789").endsWith("got ***");
  }

  @Test
  void passwordInABadRedisUrlIsMasked() {
    failureOf(minimalWith("redis.url", "http://user:" + PASSWORD + "@cache:6379"))
      .doesNotContain(PASSWORD).endsWith("got \"http://user:***@cache:6379\"");
    failureOf(minimal(), Map.of("COURIER_REDIS_ENDPOINTS", "redis://ok:6379, " + PASSWORD + "@bad"))
      .doesNotContain(PASSWORD);
  }

  @Test
  void passwordInAUrlWithoutUserIsMasked() {
    assertThat(Redaction.url("redis://" + PASSWORD + "@cache:6379")).isEqualTo("redis://***@cache:6379");
    assertThat(Redaction.url("redis://cache:6379/0")).isEqualTo("redis://cache:6379/0");
  }

  @Test
  void misplacedSecretInASectionIsNotShown() {
    failureOf(minimal().put("auth", new JsonObject().put("jwt", JWT_SECRET))).doesNotContain(JWT_SECRET);
  }

  @Test
  void badJsonMessageDoesNotQuoteTheFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"tasks\": {\"signingKey\": " + SIGNING_KEY + "}}");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
      .isInstanceOf(ConfigException.class).message().doesNotContain(SIGNING_KEY).doesNotContain("task-signing");
  }
}
