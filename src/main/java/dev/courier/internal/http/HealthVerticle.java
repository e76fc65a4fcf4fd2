package dev.courier.internal.http;

import dev.courier.internal.trace.Tracing;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * A worker-only node serves no API, but its orchestrator still needs to probe it: this serves only the framework's
 * {@code GET /health/live} and {@code GET /health/ready} on {@code http.port}, with the same answers, request ids and
 * error shape as an API node.
 */
public final class HealthVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final List<ReadinessCheck> checks;
  private HttpServer server;

  public HealthVerticle(String host, int port, List<ReadinessCheck> checks) {
    this.host = host;
    this.port = port;
    this.checks = List.copyOf(checks);
  }

  @Override
  public Future<?> start() {
    HealthOperations health = new HealthOperations(checks);
    ReplyWriter writer = new ReplyWriter(null);
    Router router = Router.router(vertx);
    // probes are not worth recording: their trace ids are made here and go nowhere
    router.route().handler(new RequestTrace(Tracing.idsOnly()));
    router.route().handler(new RequestIds());
    router.get("/health/live").handler(new OperationInvoker(FrameworkContract.HEALTH_LIVE, health::live, writer));
    router.get("/health/ready").handler(new OperationInvoker(FrameworkContract.HEALTH_READY, health::ready, writer));
    AllowedMethods.headWhereGet(router);
    ErrorResponder.installOn(router, path -> path.startsWith("/health/") ? "GET, HEAD" : null);
    return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
  }

  /** @return the port actually bound (useful with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
