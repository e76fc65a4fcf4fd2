package dev.courier.internal.config;

/** Rules that tie one key to another; each failure is one line naming the key that must change. */
final class CrossKeyRules {

  private CrossKeyRules() {
  }

  static void check(ConfigValues values) {
    JwtAlgorithm algorithm = values.choice(ConfigKeys.JWT_ALGORITHM, JwtAlgorithm.class);
    if (algorithm.usesSecret() && !values.has(ConfigKeys.JWT_SECRET)) {
      throw ConfigException.requiredWhen(ConfigKeys.JWT_SECRET.name(), "auth.jwt.algorithm is " + algorithm);
    }
    if (!algorithm.usesSecret() && !values.has(ConfigKeys.JWT_PUBLIC_KEY_FILE)) {
      throw ConfigException.requiredWhen(ConfigKeys.JWT_PUBLIC_KEY_FILE.name(), "auth.jwt.algorithm is " + algorithm);
    }
    long base = values.longInteger(ConfigKeys.TASKS_BACKOFF_BASE_MILLIS);
    long max = values.longInteger(ConfigKeys.TASKS_BACKOFF_MAX_MILLIS);
    if (max < base) {
      throw ConfigException.badValue(ConfigKeys.TASKS_BACKOFF_MAX_MILLIS.name(),
        values.envSource(ConfigKeys.TASKS_BACKOFF_MAX_MILLIS),
        "must be at least tasks.backoffBaseMillis (" + base + ")", String.valueOf(max));
    }
  }
}
