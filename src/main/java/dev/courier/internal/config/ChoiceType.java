package dev.courier.internal.config;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One of an enum's constants, matched case-insensitively against its spelling in the config. */
final class ChoiceType<E extends Enum<E>> implements ValueType {

  private final Class<E> type;
  private final E[] constants;
  private final Function<E, String> spelling;

  ChoiceType(Class<E> type, Function<E, String> spelling) {
    this.type = type;
    this.constants = type.getEnumConstants();
    this.spelling = spelling;
  }

  @Override
  public String describe() {
    return Arrays.stream(constants).map(spelling).collect(Collectors.joining(" | "));
  }

  @Override
  public String render(Object value) {
    return spelling.apply(type.cast(value));
  }

  @Override
  public Object fromJson(Object raw) {
    if (raw instanceof String) {
      return fromEnv((String) raw);
    }
    throw bad();
  }

  @Override
  public Object fromEnv(String raw) {
    for (E constant : constants) {
      if (spelling.apply(constant).equalsIgnoreCase(raw.trim())) {
        return constant;
      }
    }
    throw bad();
  }

  private BadValue bad() {
    return new BadValue("must be one of " + Arrays.stream(constants).map(spelling).collect(Collectors.joining(", ")));
  }
}
