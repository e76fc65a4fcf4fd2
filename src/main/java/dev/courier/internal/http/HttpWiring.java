package dev.courier.internal.http;

import dev.courier.api.OperationHandler;
import dev.courier.internal.auth.AccessRule;
import dev.courier.internal.auth.OperationGuard;
import dev.courier.internal.auth.TokenAuthenticator;
import dev.courier.internal.trace.TraceParent;
import dev.courier.internal.trace.Tracing;
import dev.courier.internal.metrics.HttpMeters;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the whole HTTP surface from the served contract: cross-cutting handlers, bearer security where the contract
 * asks for it, validation, then the operation handlers bound by operationId, the service's and Courier's own.
 * Production and tests call this same code.
 */
public final class HttpWiring {

  private HttpWiring() {
  }

  /**
   * @param contract   the node's served contract, loaded once ({@link ApiContract#load}), shared by its API verticles
   * @param operations the service's handlers, by operationId
   * @param extra      framework operations of other packages (task status, metrics); Courier binds them with its own
   * @param tracing    where each request's span comes from
   * @param meters     where requests are counted, or null when metrics are off
   */
  public static Future<Router> router(Vertx vertx, HttpSettings settings, ApiContract contract,
                                      Map<String, OperationHandler> operations, Map<String, OperationHandler> extra,
                                      TokenAuthenticator tokens, List<ReadinessCheck> checks, Tracing tracing,
                                      HttpMeters meters) {
    try {
      return Future.succeededFuture(build(vertx, settings, contract,
        withFramework(vertx, contract, operations, extra, checks), tokens, tracing, meters));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The service's handlers plus Courier's own, which the service may not bind (the router would serve one of two). */
  private static Map<String, OperationHandler> withFramework(Vertx vertx, ApiContract contract,
                                                             Map<String, OperationHandler> operations,
                                                             Map<String, OperationHandler> extra,
                                                             List<ReadinessCheck> checks) {
    HealthOperations health = new HealthOperations(checks);
    DocsOperations docs = new DocsOperations(vertx, contract.yaml());
    Map<String, OperationHandler> framework = new HashMap<>(extra);
    framework.putAll(Map.of(FrameworkContract.HEALTH_LIVE, health::live, FrameworkContract.HEALTH_READY, health::ready,
      FrameworkContract.CONTRACT, docs::contract, FrameworkContract.DOCS, docs::page,
      FrameworkContract.DOCS_ASSET, docs::asset));
    ContractBinding.refuseFrameworkOperations(operations.keySet());
    Map<String, OperationHandler> all = new HashMap<>(operations);
    all.putAll(framework);
    return all;
  }

  private static Router build(Vertx vertx, HttpSettings settings, ApiContract compiled,
                              Map<String, OperationHandler> operations, TokenAuthenticator tokens, Tracing tracing,
                              HttpMeters meters) {
    OpenAPIContract contract = compiled.openApi();
    ContractBinding.check(contract, operations);
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    if (meters != null) {
      builder.rootHandler(new RequestMetrics(meters)); // first: a request refused by a later one is counted too
    }
    builder.rootHandler(new RequestTrace(tracing));
    builder.rootHandler(new RequestIds());
    builder.rootHandler(new AccessLog());
    builder.rootHandler(new FramingGuard()); // after the ids and the log line: a refused request has both
    if (!settings.corsOrigins().isEmpty()) {
      builder.rootHandler(cors(settings.corsOrigins()));
    }
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    RouterSecuritySlot slot = new RouterSecuritySlot();
    ContractBinding.bearerSchemes(contract).forEach(scheme -> builder.security(scheme).httpHandler(slot));
    ReplyWriter writer = new ReplyWriter(settings.validateResponses() ? compiled.responses() : null);
    // Our own security and validation steps replace the router's: its security handlers cannot do what OperationGuard
    // does (the slot only satisfies them), and its validation would run every request on the shared worker pool
    operations.forEach((id, handler) -> {
      OpenAPIRoute route = builder.getRoute(id).setDoValidation(false);
      AccessRule rule = AccessRule.of(route.getOperation().getSecurityRequirements());
      if (!rule.open()) {
        // metrics first: a request refused here is counted under its operation too
        route.addHandler(new OperationGuard(tokens, rule, meters == null ? null : RequestMetrics::markFromRoute));
      }
      route.addHandler(new RequestValidation(compiled.validator(id))).addHandler(new OperationInvoker(id, handler, writer));
    });
    Router router = builder.createRouter();
    AllowedMethods.headWhereGet(router);
    ErrorResponder.installOn(router, AllowedMethods.of(contract));
    return router;
  }

  private static CorsHandler cors(List<String> origins) {
    CorsHandler cors = CorsHandler.create();
    if (!origins.contains("*")) {
      cors.addOrigins(origins);
    }
    return cors.allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
        HttpMethod.DELETE, HttpMethod.OPTIONS))
      .allowedHeaders(Set.of("Authorization", "Content-Type", RequestIds.HEADER, TraceParent.HEADER))
      .exposedHeaders(Set.of(RequestIds.HEADER, TraceParent.HEADER));
  }
}
