package dev.courier.internal.http;

import dev.courier.api.OperationHandler;
import dev.courier.internal.metrics.HttpMeters;
import io.vertx.ext.web.handler.JWTAuthHandler;

/**
 * {@code GET /metrics} on a worker-only node, which has no contract to build it from: the scrape, where its requests
 * are counted, and, when {@code metrics.role} is set, the bearer check and the role it requires.
 *
 * @param bearer null for a public route
 * @param role   the role a token must hold, or null for a public route
 */
public record MetricsRoute(OperationHandler scrape, HttpMeters meters, JWTAuthHandler bearer, String role) {
}
