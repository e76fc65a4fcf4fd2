package dev.courier.internal.http;

import dev.courier.internal.auth.RequestCall;
import dev.courier.context.Principal;
import dev.courier.log.LogConfigurator;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one structured log line per request when its response ends: method, path, status, duration, request id,
 * subject and trace id, all taken from the request itself (not from the context the response ended in).
 */
public final class AccessLog implements PlatformHandler {

  private static final Logger LOG = LoggerFactory.getLogger(LogConfigurator.ACCESS_LOGGER);

  @Override
  public void handle(RoutingContext ctx) {
    if (!LOG.isInfoEnabled()) {
      // COURIER_LOG_LEVEL=WARN: no line to write, so no end handler to register and no fields to gather
      ctx.next();
      return;
    }
    long start = System.nanoTime();
    ctx.addEndHandler(ended -> {
      Principal principal = RequestCall.principal(ctx);
      LOG.atInfo()
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", ctx.request().path())
        .addKeyValue("status", ctx.response().getStatusCode())
        .addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
        .addKeyValue("request_id", RequestIds.of(ctx))
        .addKeyValue("trace_id", RequestTrace.traceId(ctx))
        .addKeyValue("subject", principal == null ? null : principal.subject())
        .log("request");
    });
    ctx.next();
  }
}
