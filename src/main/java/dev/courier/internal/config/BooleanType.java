package dev.courier.internal.config;

/** {@code true} or {@code false}; in the environment, case does not matter but nothing else (no yes/1) is taken. */
final class BooleanType implements ValueType {

  @Override
  public String describe() {
    return "boolean";
  }

  @Override
  public Object fromJson(Object raw) {
    if (raw instanceof Boolean) {
      return raw;
    }
    throw bad();
  }

  @Override
  public Object fromEnv(String raw) {
    String value = raw.trim();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw bad();
  }

  private static BadValue bad() {
    return new BadValue("must be true or false");
  }
}
