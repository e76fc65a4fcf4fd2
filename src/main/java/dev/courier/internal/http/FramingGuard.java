package dev.courier.internal.http;

import dev.courier.api.ApiException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import io.vertx.core.http.HttpConnection;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Guards against request smuggling on HTTP/1.1 (RFC 9112 §6.1, §6.3). A {@code Transfer-Encoding} other than exactly
 * {@code chunked} (Netty would fall back on {@code Content-Length} for {@code xchunked} or {@code chunked, identity})
 * gets a 400. A chunked request is served, but its connection is closed after the answer: Netty drops a
 * {@code Content-Length} sent beside {@code chunked} without a trace, so a request a proxy in front framed by its
 * {@code Content-Length} cannot be told apart, and the RFC asks to close after such a request. Whatever was hidden
 * after its body is then never answered as a second request: Vert.x hands a pipelined request to the router as
 * soon as the previous answer ends, before the connection is closed, so such a request is dropped here.
 */
final class FramingGuard implements PlatformHandler {

  /** Connections that end with their current request (one router per event loop: no locking needed). */
  private final Set<HttpConnection> closing = Collections.newSetFromMap(new WeakHashMap<>());

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (closing.contains(request.connection())) {
      request.connection().close(); // a request pipelined after a chunked one: never answered
      return;
    }
    List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
    if (codings.isEmpty()) {
      ctx.next();
      return;
    }
    closing.add(request.connection());
    ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    ctx.addEndHandler(done -> request.connection().close());
    if (codings.size() == 1 && codings.get(0).trim().equalsIgnoreCase("chunked")
      && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      ctx.next();
    } else {
      ctx.fail(ApiException.badRequest("ambiguous request framing: Transfer-Encoding must be exactly 'chunked', "
        + "without Content-Length"));
    }
  }
}
