package dev.courier.internal.http;

import dev.courier.internal.metrics.HttpMeters;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.Operation;

/**
 * Times every request from its first handler to the end of its response, for
 * {@code courier_http_server_requests_seconds{operation, status}}. The operation is the operationId its route was
 * found for ({@link #mark}), or {@link HttpMeters#NONE}; never the raw path, so the label stays bounded.
 */
final class RequestMetrics implements PlatformHandler {

  private static final String OPERATION = "courier.operationId";
  /** Where vertx-web-openapi-router keeps each route's {@link Operation}. */
  private static final String ROUTE_OPERATION = "openApiOperation";

  private final HttpMeters meters;

  RequestMetrics(HttpMeters meters) {
    this.meters = meters;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ended -> meters.record(ctx.get(OPERATION), ctx.response().getStatusCode(),
      System.nanoTime() - start));
    ctx.next();
  }

  /**
   * Names the operation a request is for, once its route is found. A failure answered later comes from the router's
   * failure route, whose own metadata no longer says which operation failed.
   */
  static void mark(RoutingContext ctx, String operationId) {
    ctx.put(OPERATION, operationId);
  }

  /** {@link #mark} from the route now running (an operation route of the router built from the contract). */
  static void markFromRoute(RoutingContext ctx) {
    if (ctx.currentRoute() != null && ctx.currentRoute().metadata().get(ROUTE_OPERATION) instanceof Operation op) {
      mark(ctx, op.getOperationId());
    }
  }
}
