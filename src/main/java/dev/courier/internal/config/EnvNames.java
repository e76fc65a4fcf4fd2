package dev.courier.internal.config;

/** Derives the environment variable that overrides a config key; the rule is documented on {@link ConfigLoader}. */
final class EnvNames {

  static final String PREFIX = "COURIER_";

  private EnvNames() {
  }

  /** {@code auth.jwt.leewaySeconds} becomes {@code COURIER_AUTH_JWT_LEEWAY_SECONDS}. */
  static String of(String key) {
    StringBuilder env = new StringBuilder(PREFIX);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.') {
        env.append('_');
      } else if (Character.isUpperCase(c)) {
        if (i > 0 && key.charAt(i - 1) != '.') {
          env.append('_');
        }
        env.append(c);
      } else {
        env.append(Character.toUpperCase(c));
      }
    }
    return env.toString();
  }
}
