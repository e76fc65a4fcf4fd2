package dev.courier.http;

import dev.courier.auth.BearerAuthHandler;
import dev.courier.auth.Principal;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one structured log line per request when its response ends: method, path, status, duration, id, subject. */
public final class AccessLog implements PlatformHandler {

  private static final Logger LOG = LoggerFactory.getLogger("courier.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ended -> {
      Principal principal = ctx.get(BearerAuthHandler.PRINCIPAL);
      LOG.atInfo()
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", ctx.request().path())
        .addKeyValue("status", ctx.response().getStatusCode())
        .addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
        .addKeyValue("request_id", RequestIds.of(ctx))
        .addKeyValue("subject", principal == null ? null : principal.subject())
        .log("request");
    });
    ctx.next();
  }
}
