package dev.courier.internal.config;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parsed value of every key, and which environment variable (if any) each came from. */
final class ConfigValues {

  private final Map<ConfigKey, Object> values = new HashMap<>();
  private final Map<ConfigKey, String> envSources = new HashMap<>();

  void put(ConfigKey key, Object value, String envSource) {
    if (value != null) {
      values.put(key, value);
    }
    if (envSource != null) {
      envSources.put(key, envSource);
    }
  }

  /** The environment variable the key's value came from, or {@code null} if it came from the file or a default. */
  String envSource(ConfigKey key) {
    return envSources.get(key);
  }

  boolean has(ConfigKey key) {
    return values.containsKey(key);
  }

  int integer(ConfigKey key) {
    return (Integer) values.get(key);
  }

  long longInteger(ConfigKey key) {
    return (Long) values.get(key);
  }

  boolean bool(ConfigKey key) {
    return (Boolean) values.get(key);
  }

  /** The string, or {@code null} for an optional key without a value. */
  String text(ConfigKey key) {
    return (String) values.get(key);
  }

  @SuppressWarnings("unchecked")
  List<String> list(ConfigKey key) {
    return (List<String>) values.get(key);
  }

  <E extends Enum<E>> E choice(ConfigKey key, Class<E> type) {
    return type.cast(values.get(key));
  }

  @SuppressWarnings("unchecked")
  Map<String, Integer> weights(ConfigKey key) {
    return (Map<String, Integer>) values.get(key);
  }

  JsonObject object(ConfigKey key) {
    return ((JsonObject) values.get(key)).copy();
  }
}
