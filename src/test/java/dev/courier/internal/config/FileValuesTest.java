package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad value of each type in the file gives one exact line naming the key. */
class FileValuesTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
      Arguments.of("http.port", "abc", "config key 'http.port': must be an integer from 0 to 65535, got \"abc\""),
      Arguments.of("http.port", "8080", "config key 'http.port': must be an integer from 0 to 65535, got \"8080\""),
      Arguments.of("http.port", 70000, "config key 'http.port': must be an integer from 0 to 65535, got 70000"),
      Arguments.of("http.port", -1, "config key 'http.port': must be an integer from 0 to 65535, got -1"),
      Arguments.of("http.port", 80.5, "config key 'http.port': must be an integer from 0 to 65535, got 80.5"),
      Arguments.of("http.instances", 0, "config key 'http.instances': must be an integer from 1 to 64, got 0"),
      Arguments.of("http.maxBodyBytes", 104_857_601L,
        "config key 'http.maxBodyBytes': must be an integer from 1 to 104857600, got 104857601"),
      Arguments.of("tasks.retentionSeconds", 59,
        "config key 'tasks.retentionSeconds': must be an integer from 60 to 31536000, got 59"),
      Arguments.of("http.validateResponses", "yes",
        "config key 'http.validateResponses': must be true or false, got \"yes\""),
      Arguments.of("role", "both", "config key 'role': must be one of all, api, worker, got \"both\""),
      Arguments.of("redis.type", "replica",
        "config key 'redis.type': must be one of standalone, sentinel, cluster, got \"replica\""),
      Arguments.of("auth.jwt.algorithm", "none",
        "config key 'auth.jwt.algorithm': must be one of HS256, RS256, ES256, got \"none\""),
      Arguments.of("redis.url", "http://localhost:6379",
        "config key 'redis.url': must be a URL starting with redis:// or rediss://, got \"http://localhost:6379\""),
      Arguments.of("http.host", "", "config key 'http.host': must be a non-empty string, got \"\""),
      Arguments.of("http.host", 5, "config key 'http.host': must be a non-empty string, got 5"),
      Arguments.of("http.cors.allowedOrigins", new JsonArray().add("https://a.example.com/"),
        "config key 'http.cors.allowedOrigins': must be a list of origins like https://app.example.com, or just"
          + " \"*\", got [\"https://a.example.com/\"]"),
      Arguments.of("http.cors.allowedOrigins", new JsonArray().add("*").add("https://a.example.com"),
        "config key 'http.cors.allowedOrigins': must be a list of origins like https://app.example.com, or just"
          + " \"*\", got [\"*\", \"https://a.example.com\"]"),
      Arguments.of("http.cors.allowedOrigins", "*",
        "config key 'http.cors.allowedOrigins': must be a list of origins like https://app.example.com, or just"
          + " \"*\", got \"*\""),
      Arguments.of("tasks.queues", new JsonArray(),
        "config key 'tasks.queues': must be a non-empty list of queue names of 1 to 64 letters, digits, '_', '.'"
          + " or '-', got []"),
      Arguments.of("tasks.queues", new JsonArray().add("{emails}"),
        "config key 'tasks.queues': must be a non-empty list of queue names of 1 to 64 letters, digits, '_', '.'"
          + " or '-', got [\"{emails}\"]"),
      Arguments.of("tasks.queues", new JsonArray().add("a:b"),
        "config key 'tasks.queues': must be a non-empty list of queue names of 1 to 64 letters, digits, '_', '.'"
          + " or '-', got [\"a:b\"]"),
      Arguments.of("tasks.prefix", "a b",
        "config key 'tasks.prefix': must be a name of letters, digits, '_', '.', ':' or '-', got \"a b\""),
      Arguments.of("redis.endpoints", new JsonArray().add("sentinel-1:26379"),
        "config key 'redis.endpoints': must be a list of URLs starting with redis:// or rediss://,"
          + " got [\"sentinel-1:26379\"]"),
      Arguments.of("service", "x", "config key 'service': must be a JSON object, got \"x\"")
    );
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("badValues")
  void badFileValueIsOneLineNamingTheKey(String key, Object value, String expected) {
    failureOf(minimalWith(key, value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("badValues")
  void errorTypeIsBadValue(String key, Object value, String expected) {
    assertThatThrownBy(() -> ConfigFixtures.load(minimalWith(key, value)))
      .isInstanceOfSatisfying(ConfigException.class, e -> {
        assertThat(e.type()).isEqualTo(ConfigErrorType.BAD_VALUE);
        assertThat(e.key()).isEqualTo(key);
      });
  }
}
