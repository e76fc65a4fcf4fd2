package dev.courier.http;

import dev.courier.auth.BearerAuthHandler;
import dev.courier.auth.Principal;
import dev.courier.json.ModelMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.Optional;

import static io.vertx.ext.web.openapi.router.RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST;

/** One request as a handler sees it, already validated against the contract and authenticated where required. */
public final class ApiRequest {

  private final RoutingContext ctx;
  private final String operationId;

  ApiRequest(RoutingContext ctx, String operationId) {
    this.ctx = ctx;
    this.operationId = operationId;
  }

  public String operationId() {
    return operationId;
  }

  /** @return the JSON body mapped to the contract's model {@code type}. */
  public <T> T body(Class<T> type) {
    JsonObject json = bodyJson();
    if (json == null) {
      throw ApiException.badRequest("a JSON body is required");
    }
    try {
      return ModelMapper.convert(json, type);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("the body does not match " + type.getSimpleName());
    }
  }

  /** @return the validated JSON body, or null when the operation has none. */
  public JsonObject bodyJson() {
    RequestParameter body = validated().getBody();
    return body == null || body.isNull() ? null : body.getJsonObject();
  }

  /** @return a path parameter, as validated (type-converted) by the contract, in its string form. */
  public String pathParam(String name) {
    RequestParameter value = validated().getPathParameters().get(name);
    return value == null || value.isNull() ? null : String.valueOf(value.get());
  }

  /** @return a query parameter, if present. */
  public Optional<Object> query(String name) {
    RequestParameter value = validated().getQuery().get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.get());
  }

  /** @return the verified caller; fails with 401 on an operation that is public in the contract. */
  public Principal principal() {
    Principal principal = ctx.get(BearerAuthHandler.PRINCIPAL);
    if (principal == null) {
      throw ApiException.unauthorized("this operation has no authenticated caller");
    }
    return principal;
  }

  /** @return the verified caller, if the request carried one. */
  public Optional<Principal> caller() {
    return Optional.ofNullable(ctx.get(BearerAuthHandler.PRINCIPAL));
  }

  public String requestId() {
    return RequestIds.of(ctx);
  }

  public Vertx vertx() {
    return ctx.vertx();
  }

  /** Escape hatch to vertx-web for what this class does not cover. */
  public RoutingContext routingContext() {
    return ctx;
  }

  private ValidatedRequest validated() {
    ValidatedRequest validated = ctx.get(KEY_META_DATA_VALIDATED_REQUEST);
    if (validated == null) {
      throw new IllegalStateException("operation '" + operationId + "' was not validated");
    }
    return validated;
  }
}
