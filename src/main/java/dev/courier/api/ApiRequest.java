package dev.courier.api;

import dev.courier.context.Principal;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/** One request as a handler sees it, already validated against the contract and authenticated where required. */
public interface ApiRequest {

  /** @return the contract's {@code operationId} of this request */
  String operationId();

  /**
   * @return the JSON body mapped to the contract's model {@code type} (with {@link ModelMapper})
   * @throws ApiException 400 when there is no body or it does not map to {@code type}
   */
  <T> T body(Class<T> type);

  /** @return the validated JSON body, or null when the operation has none. */
  JsonObject bodyJson();

  /** @return a path parameter, as validated (type-converted) by the contract, in its string form. */
  String pathParam(String name);

  /** @return a query parameter, as validated (type-converted) by the contract, if present. */
  Optional<Object> query(String name);

  /**
   * @return a header parameter the contract declares for this operation, as validated, if the request carried it; the
   *     name is matched ignoring case, as HTTP does
   */
  Optional<String> header(String name);

  /** @return the verified caller; fails with 401 on an operation that is public in the contract. */
  Principal principal();

  /** @return the verified caller, if the request carried one. */
  Optional<Principal> caller();

  /** @return the request id (the caller's {@code X-Request-Id} when sane, else a new one), echoed on the response */
  String requestId();

  /** @return the node's Vert.x instance */
  Vertx vertx();

  /** Escape hatch to vertx-web for what this interface does not cover. */
  RoutingContext routingContext();
}
