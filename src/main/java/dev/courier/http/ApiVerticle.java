package dev.courier.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.openapi.contract.OpenAPIContract;

import java.util.List;
import java.util.Map;

/** Serves the contract's operations on the configured port; deployed once per event loop the node gives the API. */
public final class ApiVerticle extends VerticleBase {

  private final HttpSettings settings;
  private final Map<String, OperationHandler> operations;
  private final Map<String, OperationHandler> framework;
  private final JWTAuthHandler bearer;
  private final List<ReadinessCheck> checks;
  private final Future<OpenAPIContract> parsed;
  private HttpServer server;

  /**
   * @param framework framework operations bound only when the contract declares them (e.g. task status)
   * @param parsed    the contract, already being parsed since the node started (the parse is the longest step of
   *                  start-up), or null to parse it here; one parse serves one verticle (a contract is not
   *                  documented as safe to share between event loops)
   */
  public ApiVerticle(HttpSettings settings, Map<String, OperationHandler> operations,
                     Map<String, OperationHandler> framework, JWTAuthHandler bearer, List<ReadinessCheck> checks,
                     Future<OpenAPIContract> parsed) {
    this.settings = settings;
    this.operations = Map.copyOf(operations);
    this.framework = Map.copyOf(framework);
    this.bearer = bearer;
    this.checks = List.copyOf(checks);
    this.parsed = parsed;
  }

  @Override
  public Future<?> start() {
    return HttpWiring.router(vertx, settings, onThisContext(), operations, framework, bearer, checks)
      .compose(router -> vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(router)
        .listen(settings.port(), settings.host()))
      .onSuccess(listening -> server = listening);
  }

  // The parse began on another context: its callbacks would run there, and the server would be bound to that
  // context instead of this verticle's (its event loop, its undeploy).
  private Future<OpenAPIContract> onThisContext() {
    if (parsed == null) {
      return OpenAPIContract.from(vertx, settings.contract());
    }
    Promise<OpenAPIContract> here = Promise.promise();
    parsed.onComplete(done -> context.runOnContext(v -> here.handle(done)));
    return here.future();
  }

  /** @return the port actually bound (useful with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
