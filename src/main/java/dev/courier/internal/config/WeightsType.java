package dev.courier.internal.config;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

/**
 * Queue name to weight, e.g. {@code {"emails": 3, "reports": 1}} in the file or {@code emails=3,reports=1} in the
 * environment. Weights are whole numbers 1..1000; a queue not listed weighs 1.
 */
final class WeightsType implements ValueType {

  private static final int MAX = 1000;
  private static final String PROBLEM = "must map queue names to whole numbers 1.." + MAX
    + ", like {\"emails\": 3} (env: emails=3,reports=1)";

  @Override
  public String describe() {
    return "object of queue name to weight 1.." + MAX;
  }

  @Override
  public Object fromJson(Object raw) {
    if (!(raw instanceof JsonObject json)) {
      throw new BadValue(PROBLEM);
    }
    Map<String, Integer> weights = new TreeMap<>();
    json.forEach(e -> weights.put(e.getKey(), weight(e.getKey(), e.getValue())));
    return Map.copyOf(weights);
  }

  @Override
  public Object fromEnv(String raw) {
    Map<String, Integer> weights = new TreeMap<>();
    for (String pair : raw.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new BadValue(PROBLEM);
      }
      String queue = pair.substring(0, eq).trim();
      try {
        weights.put(queue, weight(queue, Integer.parseInt(pair.substring(eq + 1).trim())));
      } catch (NumberFormatException e) {
        throw new BadValue(PROBLEM);
      }
    }
    return Map.copyOf(weights);
  }

  @Override
  public String render(Object value) {
    return new JsonObject(new TreeMap<>((Map<String, Object>) value)).encode();
  }

  private static int weight(String queue, Object value) {
    if (!QueueNames.isQueueName(queue) || !(value instanceof Integer w) || w < 1 || w > MAX) {
      throw new BadValue(PROBLEM);
    }
    return w;
  }
}
