package dev.courier.internal.config;

import java.util.function.Predicate;

/** A string checked by a predicate, e.g. a non-empty name, a Redis URL or a secret of a minimum length. */
final class TextType implements ValueType {

  private final String describe;
  private final Predicate<String> valid;
  private final String problem;

  TextType(String describe, Predicate<String> valid, String problem) {
    this.describe = describe;
    this.valid = valid;
    this.problem = problem;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public Object fromJson(Object raw) {
    if (raw instanceof String) {
      return fromEnv((String) raw);
    }
    throw new BadValue(problem);
  }

  @Override
  public Object fromEnv(String raw) {
    if (!valid.test(raw)) {
      throw new BadValue(problem);
    }
    return raw;
  }
}
