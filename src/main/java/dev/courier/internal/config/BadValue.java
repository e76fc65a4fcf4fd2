package dev.courier.internal.config;

/**
 * Thrown by a {@link ValueType} when a raw value does not fit. It carries only the expectation ("must be ..."):
 * the reader adds the key, the source and a redacted copy of the value, which the type does not know about.
 */
final class BadValue extends RuntimeException {

  BadValue(String problem) {
    // No stack trace: this is control flow inside the reader and is always turned into a ConfigException.
    super(problem, null, false, false);
  }

  String problem() {
    return getMessage();
  }
}
