package dev.courier.internal.http;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** Walks the operations of a contract document as written (paths, then methods), before vertx-openapi parses it. */
final class ContractOperations {

  static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** Sees one operation of a contract document; {@code operation} is live, so changes to it change the document. */
  @FunctionalInterface
  interface Visitor {
    void visit(String path, String method, JsonObject operation);
  }

  private ContractOperations() {
  }

  static void forEach(JsonObject document, Visitor visitor) {
    JsonObject paths = document.getJsonObject("paths");
    if (paths == null) {
      return;
    }
    for (String path : paths.fieldNames()) {
      if (!(paths.getValue(path) instanceof JsonObject item)) {
        continue;
      }
      for (String method : METHODS) {
        if (item.getValue(method) instanceof JsonObject operation) {
          visitor.visit(path, method, operation);
        }
      }
    }
  }
}
