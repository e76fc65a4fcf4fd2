package dev.courier.internal.config;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a config key's value must look like. A type parses a value read from the JSON file and a value read from an
 * environment variable into the same Java value, and throws {@link BadValue} with a "must be ..." phrase otherwise.
 */
interface ValueType {

  /** A short description for the config reference, e.g. {@code integer 0..65535}. */
  String describe();

  /** Parses a non-null value decoded from the JSON file. */
  Object fromJson(Object raw);

  /** Parses the text of an environment variable. */
  Object fromEnv(String raw);

  /** How a parsed value (e.g. a default) is written in the config, for the reference. */
  default String render(Object value) {
    return String.valueOf(value);
  }

  /** Whether an environment variable may override this key (free-form objects cannot). */
  default boolean envOverridable() {
    return true;
  }

  static ValueType integer(int min, int max) {
    return new IntegerType(min, max, false);
  }

  static ValueType longInteger(long min, long max) {
    return new IntegerType(min, max, true);
  }

  static ValueType bool() {
    return new BooleanType();
  }

  static ValueType text() {
    return new TextType("string", s -> !s.isBlank(), "must be a non-empty string");
  }

  static ValueType text(String describe, Predicate<String> valid, String problem) {
    return new TextType(describe, valid, problem);
  }

  static <E extends Enum<E>> ValueType choice(Class<E> type, Function<E, String> spelling) {
    return new ChoiceType<>(type, spelling);
  }

  static ValueType list(String describe, Predicate<List<String>> valid, String problem) {
    return new ListType(describe, valid, problem);
  }

  static ValueType weights() {
    return new WeightsType();
  }

  static ValueType object() {
    return new ObjectType();
  }
}
