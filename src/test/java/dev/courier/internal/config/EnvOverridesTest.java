package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvOverridesTest {

  @Test
  void intFromEnvOverridesFile() {
    CourierConfig config = load(minimalWith("http.port", 8080), Map.of("COURIER_HTTP_PORT", "9091"));
    assertThat(config.http().port()).isEqualTo(9091);
  }

  @Test
  void longFromEnvOverridesDefault() {
    CourierConfig config = load(minimal(), Map.of("COURIER_TASKS_BACKOFF_MAX_MILLIS", " 7200000 "));
    assertThat(config.tasks().backoffMaxMillis()).isEqualTo(7_200_000L);
  }

  @Test
  void booleanFromEnvOverridesFile() {
    CourierConfig config = load(minimalWith("http.validateResponses", false),
      Map.of("COURIER_HTTP_VALIDATE_RESPONSES", "TRUE"));
    assertThat(config.http().validateResponses()).isTrue();
  }

  @Test
  void listFromEnvIsCommaSeparatedAndOverridesFile() {
    CourierConfig config = load(minimalWith("http.cors.allowedOrigins", new JsonArray().add("https://a.example.com")),
      Map.of("COURIER_HTTP_CORS_ALLOWED_ORIGINS", "https://b.example.com, http://localhost:3000"));
    assertThat(config.http().corsAllowedOrigins()).containsExactly("https://b.example.com", "http://localhost:3000");
  }

  @Test
  void emptyListFromEnvTurnsCorsOff() {
    CourierConfig config = load(minimalWith("http.cors.allowedOrigins", new JsonArray().add("*")),
      Map.of("COURIER_HTTP_CORS_ALLOWED_ORIGINS", ""));
    assertThat(config.http().corsEnabled()).isFalse();
  }

  @Test
  void stringFromEnvOverridesFile() {
    CourierConfig config = load(minimalWith("auth.jwt.issuer", "from-file"),
      Map.of("COURIER_AUTH_JWT_ISSUER", "from-env", "COURIER_REDIS_URL", "rediss://cache.internal:6380"));
    assertThat(config.auth().issuer()).contains("from-env");
    assertThat(config.redis().url()).isEqualTo("rediss://cache.internal:6380");
  }

  @Test
  void choiceFromEnvIsCaseInsensitive() {
    CourierConfig config = load(minimal(), Map.of("COURIER_ROLE", "Worker", "COURIER_REDIS_TYPE", "CLUSTER"));
    assertThat(config.role()).isEqualTo(NodeRole.WORKER);
    assertThat(config.redis().type()).isEqualTo(RedisType.CLUSTER);
  }

  @Test
  void requiredKeysMayComeFromEnvOnly() {
    CourierConfig config = load(new io.vertx.core.json.JsonObject(), Map.of(
      "COURIER_REDIS_URL", "redis://r:6379",
      "COURIER_AUTH_JWT_SECRET", ConfigFixtures.JWT_SECRET,
      "COURIER_TASKS_SIGNING_KEY", ConfigFixtures.SIGNING_KEY));
    assertThat(config.redis().url()).isEqualTo("redis://r:6379");
  }

  @Test
  void unrelatedVariablesAreIgnoredButAnUnknownCourierOneIsNot() {
    CourierConfig config = load(minimal(), Map.of("HTTP_PORT", "1"));
    assertThat(config.http().port()).isEqualTo(8080);
    failureOf(minimal(), Map.of("COURIER_HOME", "/opt/courier"))
      .isEqualTo("environment variable COURIER_HOME is not a Courier setting");
  }

  static Stream<Arguments> badEnvValues() {
    return Stream.of(
      Arguments.of("COURIER_HTTP_PORT", "abc",
        "config key 'http.port' (from COURIER_HTTP_PORT): must be an integer from 0 to 65535, got \"abc\""),
      Arguments.of("COURIER_HTTP_PORT", "",
        "config key 'http.port' (from COURIER_HTTP_PORT): must be an integer from 0 to 65535, got \"\""),
      Arguments.of("COURIER_TASKS_RETENTION_SECONDS", "1e9", "config key 'tasks.retentionSeconds'"
        + " (from COURIER_TASKS_RETENTION_SECONDS): must be an integer from 60 to 31536000, got \"1e9\""),
      Arguments.of("COURIER_HTTP_VALIDATE_RESPONSES", "1", "config key 'http.validateResponses'"
        + " (from COURIER_HTTP_VALIDATE_RESPONSES): must be true or false, got \"1\""),
      Arguments.of("COURIER_ROLE", "both",
        "config key 'role' (from COURIER_ROLE): must be one of all, api, worker, got \"both\""),
      Arguments.of("COURIER_TASKS_QUEUES", " , ", "config key 'tasks.queues' (from COURIER_TASKS_QUEUES): must be a"
        + " non-empty list of queue names of 1 to 64 letters, digits, '_', '.' or '-', got \" , \""),
      Arguments.of("COURIER_REDIS_URL", "localhost", "config key 'redis.url' (from COURIER_REDIS_URL): must be a URL"
        + " starting with redis:// or rediss://, got \"localhost\"")
    );
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badEnvValues")
  void badEnvValueNamesKeyAndVariable(String variable, String value, String expected) {
    failureOf(minimal(), Map.of(variable, value)).isEqualTo(expected);
  }

  @Test
  void anUnknownCourierVariableIsRefusedWithTheSettingItResembles() {
    failureOf(minimal(), Map.of("COURIER_HTTP_PROT", "80"))
      .isEqualTo("environment variable COURIER_HTTP_PROT is not a Courier setting (did you mean COURIER_HTTP_PORT?)");
    failureOf(minimal(), Map.of("COURIER_NOPE", "1", "COURIER_TASKS_CONCURENCY", "4"))
      .isEqualTo("environment variables COURIER_NOPE, COURIER_TASKS_CONCURENCY (did you mean "
        + "COURIER_TASKS_CONCURRENCY?) are not Courier settings");
  }

  @Test
  void theLogLevelAndOtherProgramsVariablesAreNotSettingsButAllowed() {
    CourierConfig config = load(minimal(), Map.of("COURIER_LOG_LEVEL", "WARN", "PATH", "/usr/bin", "courier_x", "1"));
    assertThat(config.http().port()).isEqualTo(8080);
  }
}
