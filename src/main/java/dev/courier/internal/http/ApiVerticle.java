package dev.courier.internal.http;

import dev.courier.internal.auth.TokenAuthenticator;
import dev.courier.api.OperationHandler;
import dev.courier.internal.trace.Tracing;
import dev.courier.internal.metrics.HttpMeters;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Serves the served contract (the service's and Courier's operations); one per event loop the node gives the API. */
public final class ApiVerticle extends VerticleBase {

  private final HttpSettings settings;
  private final ApiContract contract;
  private final Map<String, OperationHandler> operations;
  private final Map<String, OperationHandler> framework;
  private final TokenAuthenticator tokens;
  private final List<ReadinessCheck> checks;
  private final Tracing tracing;
  private final HttpMeters meters;
  private HttpServer server;

  /**
   * @param contract  the node's served contract, loaded once and shared by its API verticles
   * @param framework framework operations of other packages (task status, metrics), which Courier binds, never the
   *                  service
   * @param tracing   where each request's span comes from
   * @param meters    where requests are counted, or null when metrics are off
   */
  public ApiVerticle(HttpSettings settings, ApiContract contract, Map<String, OperationHandler> operations,
                     Map<String, OperationHandler> framework, TokenAuthenticator tokens, List<ReadinessCheck> checks,
                     Tracing tracing, HttpMeters meters) {
    this.settings = settings;
    this.contract = contract;
    this.operations = Map.copyOf(operations);
    this.framework = Map.copyOf(framework);
    this.tokens = tokens;
    this.checks = List.copyOf(checks);
    this.tracing = tracing;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    return HttpWiring.router(vertx, settings, contract, operations, framework, tokens, checks, tracing, meters)
      .compose(router -> vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
          .setIdleTimeout(settings.idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .listen(settings.port(), settings.host()))
      .onSuccess(listening -> server = listening);
  }

  /**
   * Stops accepting connections and lets the requests in flight finish, for up to {@code http.shutdownGraceSeconds}:
   * a request whose task was enqueued gets its answer, so a client does not retry it (and send the e-mail twice).
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
      : server.shutdown(settings.shutdownGraceSeconds(), TimeUnit.SECONDS);
  }

  /** @return the port actually bound (useful with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
