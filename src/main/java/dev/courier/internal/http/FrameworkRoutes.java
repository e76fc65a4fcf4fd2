package dev.courier.internal.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Which of Courier's optional routes a node serves, and how they are secured, from its config: the served contract
 * shows exactly what the node answers. {@code GET /metrics} is left out when metrics are off, and needs a bearer
 * token holding {@code metricsRole} when one is set (public otherwise).
 *
 * @param metricsRole the role a token must hold to read {@code /metrics}, or null for a public route
 */
public record FrameworkRoutes(boolean metrics, String metricsRole) {

  /** Every route, all public: what a node with the default config serves. */
  public static final FrameworkRoutes DEFAULT = new FrameworkRoutes(true, null);

  static final String METRICS_PATH = "/metrics";

  /** Applies these choices to {@code framework}, a copy of the framework contract. */
  JsonObject applyTo(JsonObject framework) {
    JsonObject paths = framework.getJsonObject("paths");
    if (!metrics) {
      paths.remove(METRICS_PATH);
    } else if (metricsRole != null) {
      JsonObject get = paths.getJsonObject(METRICS_PATH).getJsonObject("get");
      get.put("security", new JsonArray().add(new JsonObject().put("courierBearer", new JsonArray().add(metricsRole))));
    }
    return framework;
  }
}
