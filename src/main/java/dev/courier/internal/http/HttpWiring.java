package dev.courier.internal.http;

import dev.courier.api.OperationHandler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the whole HTTP surface from the contract: cross-cutting handlers, bearer security where the contract asks
 * for it, validation, then the operation handlers bound by operationId. Production and tests call this same code.
 */
public final class HttpWiring {

  /** Framework operations, bound by Courier when the contract declares them. */
  static final String HEALTH_LIVE = "healthLive";
  static final String HEALTH_READY = "healthReady";
  static final String CONTRACT = "openapiContract";
  static final String DOCS = "apiDocs";
  static final String DOCS_ASSET = "apiDocsAsset";

  private HttpWiring() {
  }

  /**
   * @param contract   the node's contract, loaded once ({@link ApiContract#load}) and shared by its API verticles
   * @param operations the service's handlers, by operationId
   * @param extra      framework operations of other packages (task status), bound only if the contract declares them
   */
  public static Future<Router> router(Vertx vertx, HttpSettings settings, ApiContract contract,
                                      Map<String, OperationHandler> operations, Map<String, OperationHandler> extra,
                                      JWTAuthHandler bearer, List<ReadinessCheck> checks) {
    return DocsOperations.load(vertx, settings.contract()).map(docs -> build(vertx, settings, contract,
      withFramework(contract.openApi(), operations, extra, docs, checks), bearer));
  }

  private static Map<String, OperationHandler> withFramework(OpenAPIContract contract,
                                                             Map<String, OperationHandler> operations,
                                                             Map<String, OperationHandler> extra,
                                                             DocsOperations docs, List<ReadinessCheck> checks) {
    HealthOperations health = new HealthOperations(checks);
    Map<String, OperationHandler> framework = new HashMap<>(extra);
    framework.putAll(Map.of(HEALTH_LIVE, health::live, HEALTH_READY, health::ready,
      CONTRACT, docs::contract, DOCS, docs::page, DOCS_ASSET, docs::asset));
    Map<String, OperationHandler> all = new HashMap<>(operations);
    framework.forEach((id, handler) -> {
      if (contract.operation(id) != null) {
        all.putIfAbsent(id, handler);
      }
    });
    return all;
  }

  private static Router build(Vertx vertx, HttpSettings settings, ApiContract compiled,
                              Map<String, OperationHandler> operations, JWTAuthHandler bearer) {
    OpenAPIContract contract = compiled.openApi();
    ContractBinding.check(contract, operations);
    Set<String> schemes = ContractBinding.bearerSchemes(contract);
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(new RequestIds());
    builder.rootHandler(new AccessLog());
    if (!settings.corsOrigins().isEmpty()) {
      builder.rootHandler(cors(settings.corsOrigins()));
    }
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    schemes.forEach(scheme -> builder.security(scheme).httpHandler(bearer));
    ReplyWriter writer = new ReplyWriter(settings.validateResponses() ? compiled.responses() : null);
    // Our own validation step replaces the router's, which would run every request on the shared worker pool
    operations.forEach((id, handler) -> builder.getRoute(id).setDoValidation(false)
      .addHandler(new RequestValidation(compiled.validator(id)))
      .addHandler(new OperationInvoker(id, handler, writer)));
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
      .allowedHeaders(Set.of("Authorization", "Content-Type", RequestIds.HEADER))
      .exposedHeaders(Set.of(RequestIds.HEADER));
  }
}
