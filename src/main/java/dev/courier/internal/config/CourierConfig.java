package dev.courier.internal.config;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A node's whole configuration, validated and immutable. Obtain it from {@link ConfigLoader}; it is never
 * half-valid. {@link #toString()} is safe to log: secrets and URL passwords are masked, and only the key names of
 * {@link #service()} are shown.
 *
 * @param role what this node runs
 * @param dev whether this is a development node, where the sample configs' DEV-ONLY secrets draw no warning
 * @param http the HTTP API settings
 * @param redis how to reach Redis
 * @param auth how bearer tokens are verified
 * @param tasks background task settings
 * @param tracing span export settings
 * @param metrics metrics settings
 * @param admin the admin API's settings
 * @param service your service's own settings, passed through untouched
 */
public record CourierConfig(NodeRole role, boolean dev, HttpConfig http, RedisConfig redis, JwtConfig auth,
                            TasksConfig tasks, TracingConfig tracing, MetricsConfig metrics, AdminConfig admin,
                            JsonObject service) {

  public CourierConfig {
    Objects.requireNonNull(role, "'role' cannot be null");
    Objects.requireNonNull(http, "'http' cannot be null");
    Objects.requireNonNull(redis, "'redis' cannot be null");
    Objects.requireNonNull(auth, "'auth' cannot be null");
    Objects.requireNonNull(tasks, "'tasks' cannot be null");
    Objects.requireNonNull(tracing, "'tracing' cannot be null");
    Objects.requireNonNull(metrics, "'metrics' cannot be null");
    Objects.requireNonNull(admin, "'admin' cannot be null");
    service = service == null ? new JsonObject() : service.copy();
  }

  /** A copy of the {@code service} section: JsonObject is mutable, and this record must not be. */
  @Override
  public JsonObject service() {
    return service.copy();
  }

  @Override
  public String toString() {
    // service values are not printed: they are the user's own settings and may hold the user's own secrets.
    return "CourierConfig[role=" + role + ", dev=" + dev + ", http=" + http + ", redis=" + redis + ", auth=" + auth
      + ", tasks=" + tasks + ", tracing=" + tracing + ", metrics=" + metrics + ", admin=" + admin
      + ", service=keys" + service.fieldNames() + "]";
  }
}
