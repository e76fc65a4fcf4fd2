package dev.courier.internal.config;

/**
 * One row of the config table: a dotted key, its type, its default (or that it is required), whether it is a secret,
 * and what it means. The same row drives parsing, validation, env overrides and the generated reference.
 *
 * @param defaultValue the value used when the key is absent; {@code null} means "no value" (optional, or required
 *     only under a condition that the cross-key rules check)
 */
record ConfigKey(String name, ValueType type, Object defaultValue, boolean isRequired, boolean isSecret,
                 String description) {

  static ConfigKey key(String name, ValueType type) {
    return new ConfigKey(name, type, null, false, false, "");
  }

  ConfigKey byDefault(Object value) {
    return new ConfigKey(name, type, value, isRequired, isSecret, description);
  }

  ConfigKey required() {
    return new ConfigKey(name, type, defaultValue, true, isSecret, description);
  }

  ConfigKey secret() {
    return new ConfigKey(name, type, defaultValue, isRequired, true, description);
  }

  ConfigKey means(String text) {
    return new ConfigKey(name, type, defaultValue, isRequired, isSecret, text);
  }

  /** The overriding environment variable, or {@code null} for keys that cannot be overridden. */
  String env() {
    return type.envOverridable() ? EnvNames.of(name) : null;
  }
}
