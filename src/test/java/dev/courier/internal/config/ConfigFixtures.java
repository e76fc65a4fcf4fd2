package dev.courier.internal.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;

/** The smallest valid config, and helpers to load variations of it. */
final class ConfigFixtures {

  static final String JWT_SECRET = "jwt-secret-for-tests-0123456789abcdef";
  static final String SIGNING_KEY = "task-signing-key-for-tests-0123456789";

  private ConfigFixtures() {
  }

  /** Only the required keys. */
  static JsonObject minimal() {
    return new JsonObject()
      .put("redis", new JsonObject().put("url", "redis://127.0.0.1:6379/0"))
      .put("auth", new JsonObject().put("jwt", new JsonObject().put("secret", JWT_SECRET)))
      .put("tasks", new JsonObject().put("signingKey", SIGNING_KEY));
  }

  /** {@link #minimal()} with {@code value} at the nested dotted {@code key}. */
  static JsonObject minimalWith(String key, Object value) {
    return with(minimal(), key, value);
  }

  static JsonObject with(JsonObject json, String key, Object value) {
    String[] segments = key.split("\\.");
    JsonObject section = json;
    for (int i = 0; i < segments.length - 1; i++) {
      if (!(section.getValue(segments[i]) instanceof JsonObject)) {
        section.put(segments[i], new JsonObject());
      }
      section = section.getJsonObject(segments[i]);
    }
    section.put(segments[segments.length - 1], value);
    return json;
  }

  static CourierConfig load(JsonObject json) {
    return ConfigLoader.fromJson(json, Map.of());
  }

  static CourierConfig load(JsonObject json, Map<String, String> env) {
    return ConfigLoader.fromJson(json, env);
  }

  /** Asserts loading fails with a ConfigException, and returns an assertion on its message. */
  static AbstractStringAssert<?> failureOf(JsonObject json, Map<String, String> env) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> ConfigLoader.fromJson(json, env))
      .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    return org.assertj.core.api.Assertions.assertThat(caught[0].getMessage()).doesNotContain("\n");
  }

  static AbstractStringAssert<?> failureOf(JsonObject json) {
    return failureOf(json, Map.of());
  }
}
