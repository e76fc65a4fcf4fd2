package dev.courier.internal.config;

/** A whole number within a range; JSON decimals and quoted numbers are refused, so {@code "8080"} is an error. */
final class IntegerType implements ValueType {

  private final long min;
  private final long max;
  private final boolean asLong;

  IntegerType(long min, long max, boolean asLong) {
    this.min = min;
    this.max = max;
    this.asLong = asLong;
  }

  @Override
  public String describe() {
    return "integer " + min + ".." + max;
  }

  @Override
  public Object fromJson(Object raw) {
    // Integer/Long only: Jackson gives Double for 8080.0 and BigInteger for huge numbers; both are out.
    if (raw instanceof Integer || raw instanceof Long) {
      return checked(((Number) raw).longValue());
    }
    throw bad();
  }

  @Override
  public Object fromEnv(String raw) {
    try {
      return checked(Long.parseLong(raw.trim()));
    } catch (NumberFormatException e) {
      throw bad();
    }
  }

  private Object checked(long value) {
    if (value < min || value > max) {
      throw bad();
    }
    return asLong ? (Object) value : (Object) (int) value;
  }

  private BadValue bad() {
    return new BadValue("must be an integer from " + min + " to " + max);
  }
}
