package dev.courier.internal.http;

import dev.courier.api.ApiException;
import dev.courier.api.ApiRequest;
import dev.courier.api.Reply;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code GET /openapi.yaml} (the contract as served), {@code GET /docs} and {@code GET /docs/{asset}}: Swagger UI from
 * its webjar inside the jar, pointed at the served contract; no CDN. The webjar is read through the class loader, and
 * only when a page asks for it: through {@code vertx.fileSystem()} a first read copies all of {@code META-INF} (the
 * whole 11 MB webjar) to Vert.x's file cache, walking every entry of the fat jar once per folder level, which cost
 * every node hundreds of ms of start-up when it happened at start.
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
  private static final ClassLoader LOADER = DocsOperations.class.getClassLoader();

  private final Vertx vertx;
  private final Buffer contract;
  private volatile String assets; // the webjar's folder, found by the first asset request

  /** @param contract the served contract's YAML text ({@link ServedContract}) */
  DocsOperations(Vertx vertx, Buffer contract) {
    this.vertx = vertx;
    this.contract = contract;
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
    return vertx.executeBlocking(() -> read(name), false)
      .map(bytes -> Reply.raw(200, type, Buffer.buffer(bytes)).header("Cache-Control", "public, max-age=3600"))
      .recover(missing -> Future.failedFuture(ApiException.notFound("no such asset")));
  }

  private byte[] read(String name) throws IOException {
    String folder = assets;
    if (folder == null) {
      folder = webjarFolder();
      assets = folder;
    }
    try (InputStream in = resource(folder + name)) {
      return in.readAllBytes();
    }
  }

  private static String webjarFolder() throws IOException {
    Properties props = new Properties();
    try (InputStream in = resource(WEBJAR_VERSION)) {
      props.load(in);
    }
    return WEBJAR + props.getProperty("version", "").trim() + "/";
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = LOADER.getResourceAsStream(path);
    if (in == null) {
      throw new NoSuchFileException(path);
    }
    return in;
  }
}
