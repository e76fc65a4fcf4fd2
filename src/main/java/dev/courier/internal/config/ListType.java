package dev.courier.internal.config;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A list of strings: a JSON array in the file, comma-separated text in the environment (blanks around commas and
 * empty items are dropped, so an empty variable means an empty list).
 */
final class ListType implements ValueType {

  private final String describe;
  private final Predicate<List<String>> valid;
  private final String problem;

  ListType(String describe, Predicate<List<String>> valid, String problem) {
    this.describe = describe;
    this.valid = valid;
    this.problem = problem;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  @SuppressWarnings("unchecked")
  public String render(Object value) {
    return "[" + String.join(",", (List<String>) value) + "]";
  }

  @Override
  public Object fromJson(Object raw) {
    if (!(raw instanceof JsonArray)) {
      throw new BadValue(problem);
    }
    List<String> items = new ArrayList<>();
    for (Object item : (JsonArray) raw) {
      if (!(item instanceof String)) {
        throw new BadValue(problem);
      }
      items.add((String) item);
    }
    return checked(items);
  }

  @Override
  public Object fromEnv(String raw) {
    return checked(Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  private List<String> checked(List<String> items) {
    if (!valid.test(items)) {
      throw new BadValue(problem);
    }
    return List.copyOf(items);
  }
}
