package dev.courier.internal.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads every key of the table into {@link ConfigValues}: the environment variable wins over the file, the file
 * over the default. Each value is parsed by its key's type, so env and file values are validated alike.
 */
final class ConfigReader {

  private ConfigReader() {
  }

  static ConfigValues read(JsonObject file, Map<String, String> env) {
    UnknownEnv.check(env);
    ConfigValues values = new ConfigValues();
    for (ConfigKey key : ConfigKeys.ALL) {
      String envName = key.env();
      if (envName != null && env.containsKey(envName)) {
        String raw = env.get(envName);
        values.put(key, parse(key, envName, raw, () -> key.type().fromEnv(raw)), envName);
        continue;
      }
      Object raw = lookup(file, key.name());
      if (raw != null) {
        values.put(key, parse(key, null, raw, () -> key.type().fromJson(raw)), null);
      } else if (key.isRequired()) {
        throw ConfigException.missingKey(key.name());
      } else {
        values.put(key, key.defaultValue(), null);
      }
    }
    return values;
  }

  private static Object parse(ConfigKey key, String envName, Object raw, Supplier<Object> parser) {
    try {
      return parser.get();
    } catch (BadValue e) {
      throw ConfigException.badValue(key.name(), envName, e.problem(), Redaction.show(key, raw));
    }
  }

  /** Walks {@code {"http":{"port":8080}}} for {@code http.port}; sections were checked to be objects already. */
  private static Object lookup(JsonObject file, String dottedKey) {
    String[] segments = dottedKey.split("\\.");
    JsonObject section = file;
    for (int i = 0; i < segments.length - 1; i++) {
      section = section.getJsonObject(segments[i]);
      if (section == null) {
        return null;
      }
    }
    return section.getValue(segments[segments.length - 1]);
  }
}
