package dev.courier.internal.http;

import dev.courier.api.OperationHandler;
import dev.courier.internal.metrics.HttpMeters;
import dev.courier.internal.auth.TokenAuthenticator;

/**
 * {@code GET /metrics} on a worker-only node, which has no contract to build it from: the scrape, where its requests
 * are counted, and, when {@code metrics.role} is set, the bearer check and the role it requires.
 *
 * @param tokens how bearer tokens are checked, or null for a public route
 * @param role   the role a token must hold, or null for a public route
 */
public record MetricsRoute(OperationHandler scrape, HttpMeters meters, TokenAuthenticator tokens, String role) {
}
