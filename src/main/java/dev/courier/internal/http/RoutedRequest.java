package dev.courier.internal.http;

import dev.courier.api.ApiException;
import dev.courier.api.ApiRequest;
import dev.courier.api.ModelMapper;
import dev.courier.internal.auth.RequestCall;
import dev.courier.context.Principal;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.Optional;

import static io.vertx.ext.web.openapi.router.RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST;

/** The {@link ApiRequest} of one routed request: reads the validated parameters the contract router left on it. */
final class RoutedRequest implements ApiRequest {

  private final RoutingContext ctx;
  private final String operationId;

  RoutedRequest(RoutingContext ctx, String operationId) {
    this.ctx = ctx;
    this.operationId = operationId;
  }

  @Override
  public String operationId() {
    return operationId;
  }

  @Override
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

  @Override
  public JsonObject bodyJson() {
    RequestParameter body = validated().getBody();
    return body == null || body.isNull() ? null : body.getJsonObject();
  }

  @Override
  public String pathParam(String name) {
    RequestParameter value = validated().getPathParameters().get(name);
    return value == null || value.isNull() ? null : String.valueOf(value.get());
  }

  @Override
  public Optional<Object> query(String name) {
    RequestParameter value = validated().getQuery().get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.get());
  }

  @Override
  public Optional<String> header(String name) {
    for (var declared : validated().getHeaders().entrySet()) {
      RequestParameter value = declared.getValue();
      if (declared.getKey().equalsIgnoreCase(name) && value != null && !value.isNull()) {
        return Optional.of(String.valueOf(value.get()));
      }
    }
    return Optional.empty();
  }

  @Override
  public Principal principal() {
    Principal principal = RequestCall.principal(ctx);
    if (principal == null) {
      throw ApiException.unauthorized("this operation has no authenticated caller");
    }
    return principal;
  }

  @Override
  public Optional<Principal> caller() {
    return Optional.ofNullable(RequestCall.principal(ctx));
  }

  @Override
  public String requestId() {
    return RequestCall.requestId(ctx);
  }

  @Override
  public Vertx vertx() {
    return ctx.vertx();
  }

  @Override
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
