package dev.courier.internal.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * The contract a node serves: the service's, merged with Courier's own routes ({@link FrameworkContract}), with the
 * errors Courier answers declared on every operation ({@link ErrorResponses}). It is what the router is built from,
 * and what {@code /openapi.yaml} and {@code /docs} show.
 */
public final class ServedContract {

  private final JsonObject document;
  private final Buffer yaml;
  private final OpenAPIContract openApi;

  private ServedContract(JsonObject document, Buffer yaml, OpenAPIContract openApi) {
    this.document = document;
    this.yaml = yaml;
    this.openApi = openApi;
  }

  /**
   * Reads the service's contract at classpath or file location {@code path}, merges and parses it. Reading, merging
   * and writing the YAML run on a worker thread; a contract that clashes with Courier's routes fails the future with
   * one line naming the clash.
   */
  public static Future<ServedContract> load(Vertx vertx, String path) {
    return load(vertx, path, FrameworkRoutes.DEFAULT, FrameworkContract.ADMIN_ROLE);
  }

  /**
   * As {@link #load(Vertx, String)}, with Courier's optional routes as {@code routes} says and the admin operations
   * requiring role {@code adminRole}.
   */
  public static Future<ServedContract> load(Vertx vertx, String path, FrameworkRoutes routes, String adminRole) {
    return vertx.executeBlocking(() -> {
      JsonObject service = ContractYaml.read(vertx.fileSystem().readFileBlocking(path), path);
      JsonObject merged = ContractMerge.merge(service, routes.applyTo(FrameworkContract.document(adminRole)), path);
      ErrorResponses.declare(merged);
      return new Written(merged, ContractYaml.write(merged));
    }, false).compose(written -> OpenAPIContract.from(vertx, written.document.copy())
      // (a copy: vertx-openapi adds its bookkeeping to the document it resolves; ours stays as served)
      .map(parsed -> new ServedContract(written.document, written.yaml, parsed)));
  }

  private record Written(JsonObject document, Buffer yaml) {
  }

  OpenAPIContract openApi() {
    return openApi;
  }

  /** @return the served contract as YAML text, for {@code GET /openapi.yaml} */
  Buffer yaml() {
    return yaml;
  }

  /** @return the served contract document, as merged (a copy) */
  JsonObject document() {
    return document.copy();
  }
}
