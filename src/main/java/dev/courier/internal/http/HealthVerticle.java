package dev.courier.internal.http;

import dev.courier.internal.auth.AccessRule;
import dev.courier.internal.auth.OperationGuard;
import dev.courier.internal.trace.Tracing;
import dev.courier.internal.metrics.MetricsOperation;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.List;

/**
 * A worker-only node serves no API, but its orchestrator still needs to probe it (and Prometheus to scrape it): this
 * serves only the framework's {@code GET /health/live}, {@code GET /health/ready} and, unless metrics are off,
 * {@code GET /metrics} on {@code http.port}, with the same answers, request ids, security and error shape as an API
 * node.
 */
public final class HealthVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final List<ReadinessCheck> checks;
  private final MetricsRoute metrics;
  private HttpServer server;

  /** @param metrics {@code GET /metrics}, or null when metrics are off */
  public HealthVerticle(String host, int port, List<ReadinessCheck> checks, MetricsRoute metrics) {
    this.host = host;
    this.port = port;
    this.checks = List.copyOf(checks);
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    HealthOperations health = new HealthOperations(checks);
    ReplyWriter writer = new ReplyWriter(null);
    Router router = Router.router(vertx);
    // probes are not worth recording: their trace ids are made here and go nowhere
    router.route().handler(new RequestTrace(Tracing.idsOnly()));
    if (metrics != null) {
      router.route().handler(new RequestMetrics(metrics.meters()));
    }
    router.route().handler(new RequestIds());
    router.get("/health/live").handler(named(FrameworkContract.HEALTH_LIVE))
      .handler(new OperationInvoker(FrameworkContract.HEALTH_LIVE, health::live, writer));
    router.get("/health/ready").handler(named(FrameworkContract.HEALTH_READY))
      .handler(new OperationInvoker(FrameworkContract.HEALTH_READY, health::ready, writer));
    if (metrics != null) {
      Route route = router.get(FrameworkRoutes.METRICS_PATH).handler(named(MetricsOperation.OPERATION_ID));
      if (metrics.tokens() != null) {
        route.handler(new OperationGuard(metrics.tokens(), AccessRule.role(metrics.role()), null));
      }
      route.handler(new OperationInvoker(MetricsOperation.OPERATION_ID, metrics.scrape(), writer));
    }
    AllowedMethods.headWhereGet(router);
    ErrorResponder.installOn(router, path -> path.startsWith("/health/")
      || metrics != null && path.equals(FrameworkRoutes.METRICS_PATH) ? "GET, HEAD" : null);
    return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
  }

  /** A platform handler: vertx-web runs those first, so the bearer check may follow it on the same route. */
  private static PlatformHandler named(String operationId) {
    return ctx -> {
      RequestMetrics.mark(ctx, operationId);
      ctx.next();
    };
  }

  /** @return the port actually bound (useful with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
