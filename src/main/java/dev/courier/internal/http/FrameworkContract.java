package dev.courier.internal.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Courier's own routes, {@code courier/openapi/courier.yaml} in the library: health, the served contract, its docs, task
 * status, and the admin API with its dashboard. Every node serves them whatever its service's contract says, and
 * Courier binds their operations itself.
 */
final class FrameworkContract {

  static final String RESOURCE = "courier/openapi/courier.yaml";
  static final String HEALTH_LIVE = "healthLive";
  static final String HEALTH_READY = "healthReady";
  static final String CONTRACT = "openapiContract";
  static final String DOCS = "apiDocs";
  static final String DOCS_ASSET = "apiDocsAsset";
  /** The role the admin operations name in {@code courier.yaml}; a node serves its {@code admin.role} instead. */
  static final String ADMIN_ROLE = "admin";
  private static final String BEARER = "courierBearer";

  private FrameworkContract() {
  }

  /** @return a fresh copy of the framework contract (callers merge into it and change it) */
  static JsonObject document() {
    return Parsed.DOCUMENT.copy();
  }

  /** @return a fresh copy of the framework contract whose admin operations require role {@code adminRole} */
  static JsonObject document(String adminRole) {
    JsonObject document = document();
    ContractOperations.forEach(document, (path, method, operation) -> {
      for (Object requirement : operation.getJsonArray("security", new JsonArray())) {
        if (requirement instanceof JsonObject bearer
          && new JsonArray().add(ADMIN_ROLE).equals(bearer.getJsonArray(BEARER))) {
          bearer.put(BEARER, new JsonArray().add(adminRole));
        }
      }
    });
    return document;
  }

  /** @return each framework operationId and where it lives, e.g. {@code healthLive -> GET /health/live} */
  static Map<String, String> operations() {
    return Parsed.OPERATIONS;
  }

  // Parsed once per JVM, on first use (a worker-only node never uses it)
  private static final class Parsed {
    static final JsonObject DOCUMENT = ContractYaml.read(Buffer.buffer(bytes()), RESOURCE);
    static final Map<String, String> OPERATIONS = Map.copyOf(operationsOf(DOCUMENT));

    private static byte[] bytes() {
      try (InputStream in = FrameworkContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the class path; the Courier jar is incomplete");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static Map<String, String> operationsOf(JsonObject document) {
      Map<String, String> found = new LinkedHashMap<>();
      ContractOperations.forEach(document, (path, method, operation) ->
        found.put(operation.getString("operationId"), method.toUpperCase() + " " + path));
      return found;
    }
  }
}
