package dev.courier.internal.admin;

import dev.courier.api.ApiException;
import dev.courier.api.ApiRequest;
import dev.courier.api.OperationHandler;
import dev.courier.api.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /admin} and {@code GET /admin/assets/{asset}}: the dashboard, three plain files of the jar
 * ({@code courier/admin/}), no CDN and no build step. The page holds no data, so it is public; its script reads the
 * admin API with the operator's token. A strict Content-Security-Policy lets the page load only its own files and
 * talk only to its own origin.
 */
public final class DashboardFiles {

  private static final String DIR = "courier/admin/";
  private static final Map<String, String> FILES = Map.of(
    "index.html", "text/html; charset=utf-8", "admin.js", "text/javascript; charset=utf-8",
    "admin.css", "text/css; charset=utf-8");
  private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Vertx vertx;
  private final Map<String, Buffer> read = new ConcurrentHashMap<>();

  public DashboardFiles(Vertx vertx) {
    this.vertx = vertx;
  }

  /** @return the handler of each dashboard operation, by operationId */
  public Map<String, OperationHandler> operations() {
    return Map.of("adminDashboard", request -> serve("index.html"), "adminDashboardAsset", this::asset);
  }

  private Future<Reply> asset(ApiRequest request) {
    String name = request.pathParam("asset");
    if (name == null || name.equals("index.html") || !FILES.containsKey(name)) {
      return Future.failedFuture(ApiException.notFound("no such asset"));
    }
    return serve(name);
  }

  private Future<Reply> serve(String name) {
    Buffer cached = read.get(name);
    Future<Buffer> bytes = cached != null ? Future.succeededFuture(cached)
      : vertx.executeBlocking(() -> read.computeIfAbsent(name, DashboardFiles::load), false);
    return bytes.map(body -> Reply.raw(200, FILES.get(name), body)
      .header("Content-Security-Policy", POLICY)
      .header("X-Content-Type-Options", "nosniff")
      .header("Referrer-Policy", "no-referrer")
      .header("Cache-Control", "no-cache"));
  }

  private static Buffer load(String name) {
    try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException(DIR + name + " is missing from the class path; the Courier jar is incomplete");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
