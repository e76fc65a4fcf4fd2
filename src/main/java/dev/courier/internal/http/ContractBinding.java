package dev.courier.internal.http;

import dev.courier.api.OperationHandler;

import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses to serve when code and contract disagree: an operation without a handler, a handler for an operation the
 * contract lacks or for one of Courier's own, or a security scheme Courier cannot enforce. Vert.x alone would log
 * and answer 503 at run time.
 */
final class ContractBinding {

  private ContractBinding() {
  }

  /** Courier binds its own operations; a service binding one would leave the router to pick one of two handlers. */
  static void refuseFrameworkOperations(Set<String> serviceHandlers) {
    Map<String, String> framework = FrameworkContract.operations();
    for (String id : new TreeSet<>(serviceHandlers)) {
      if (framework.containsKey(id)) {
        throw new IllegalStateException("the service binds operation '" + id + "' (" + framework.get(id)
          + "), which Courier binds itself; remove setup.operation(\"" + id + "\", ...) from the service");
      }
    }
  }

  static void check(OpenAPIContract contract, Map<String, OperationHandler> handlers) {
    Set<String> operations = new TreeSet<>();
    contract.operations().stream().map(Operation::getOperationId).forEach(operations::add);
    Set<String> unbound = new TreeSet<>(operations);
    unbound.removeAll(handlers.keySet());
    Set<String> unknown = new TreeSet<>(handlers.keySet());
    unknown.removeAll(operations);
    if (!unbound.isEmpty() || !unknown.isEmpty()) {
      StringBuilder message = new StringBuilder("the contract and the handlers disagree:");
      if (!unbound.isEmpty()) {
        message.append(" operation(s) without a handler: ").append(unbound).append(';');
      }
      if (!unknown.isEmpty()) {
        message.append(" handler(s) for operation(s) the contract lacks: ").append(unknown).append(';');
      }
      throw new IllegalStateException(message.substring(0, message.length() - 1));
    }
  }

  /** @return the contract's security schemes; each must be {@code type: http, scheme: bearer}. */
  static Set<String> bearerSchemes(OpenAPIContract contract) {
    JsonObject schemes = contract.getRawContract().getJsonObject("components", new JsonObject())
      .getJsonObject("securitySchemes", new JsonObject());
    Set<String> names = new TreeSet<>();
    for (String name : schemes.fieldNames()) {
      if (!(schemes.getValue(name) instanceof JsonObject scheme)) {
        continue; // the parser adds bookkeeping fields next to the schemes
      }
      names.add(name);
      if (!"http".equals(scheme.getString("type")) || !"bearer".equalsIgnoreCase(scheme.getString("scheme"))) {
        throw new IllegalStateException("security scheme '" + name + "' is not {type: http, scheme: bearer};"
          + " Courier enforces bearer JWT schemes only");
      }
    }
    return names;
  }
}
