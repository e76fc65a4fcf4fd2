package dev.courier.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /openapi.yaml} (the contract as served), {@code GET /docs} and {@code GET /docs/{asset}}: Swagger UI from
 * its webjar inside the jar, pointed at the served contract; no CDN.
 */
final class DocsOperations {

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Map<String, String> TYPES = Map.of(
    "js", "text/javascript", "css", "text/css", "png", "image/png", "html", "text/html; charset=utf-8",
    "map", "application/json");
  private static final String PAGE = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>API docs</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css"></head>
    <body><div id="ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/courier-docs.js"></script>
    </body></html>
    """;
  private static final String INIT = "window.ui = SwaggerUIBundle({url: '/openapi.yaml', dom_id: '#ui'});\n";

  private final Vertx vertx;
  private final Buffer contract;
  private final String assets;

  private DocsOperations(Vertx vertx, Buffer contract, String assets) {
    this.vertx = vertx;
    this.contract = contract;
    this.assets = assets;
  }

  /** Reads the contract text and locates the webjar once, at start. */
  static Future<DocsOperations> load(Vertx vertx, String contractPath) {
    Future<Buffer> contract = vertx.fileSystem().readFile(contractPath);
    Future<String> assets = vertx.fileSystem().readFile(WEBJAR_VERSION)
      .map(props -> WEBJAR + props.toString().lines()
        .filter(l -> l.startsWith("version=")).findFirst().orElse("version=").substring(8).trim() + "/");
    return Future.all(contract, assets).map(all -> new DocsOperations(vertx, contract.result(), assets.result()));
  }

  Future<Reply> contract(ApiRequest request) {
    return Future.succeededFuture(Reply.raw(200, "application/yaml", contract));
  }

  Future<Reply> page(ApiRequest request) {
    return Future.succeededFuture(Reply.raw(200, "text/html; charset=utf-8", Buffer.buffer(PAGE)));
  }

  Future<Reply> asset(ApiRequest request) {
    String name = request.pathParam("asset");
    if (name == null || !ASSET.matcher(name).matches()) {
      return Future.failedFuture(ApiException.notFound("no such asset"));
    }
    if (name.equals("courier-docs.js")) {
      return Future.succeededFuture(Reply.raw(200, "text/javascript", Buffer.buffer(INIT)));
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    if (type == null) {
      return Future.failedFuture(ApiException.notFound("no such asset"));
    }
    return vertx.fileSystem().readFile(assets + name)
      .map(bytes -> Reply.raw(200, type, bytes).header("Cache-Control", "public, max-age=3600"))
      .recover(missing -> Future.failedFuture(ApiException.notFound("no such asset")));
  }
}
