package dev.courier.internal.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Metrics settings ({@code metrics.*}).
 *
 * @param enabled whether the node records metrics and serves {@code GET /metrics}
 * @param role the role a bearer token must hold to read {@code /metrics}; empty: the route is public
 * @param queueRefreshSeconds how often the queue gauges are read from Redis
 */
public record MetricsConfig(boolean enabled, Optional<String> role, int queueRefreshSeconds) {

  public MetricsConfig {
    Objects.requireNonNull(role, "'role' cannot be null");
  }

  /** Whether {@code /metrics} needs a bearer token (metrics on, and a role set). */
  public boolean needsToken() {
    return enabled && role.isPresent();
  }
}
