package dev.courier.internal.http;

import dev.courier.internal.context.CallContextSlot;
import dev.courier.internal.trace.SpanHandle;
import dev.courier.internal.trace.Spans;
import dev.courier.internal.trace.TraceParent;
import dev.courier.internal.trace.Tracing;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Gives every request its span, before anything else: in the caller's trace when its W3C {@code traceparent} is
 * valid, in a new trace otherwise. The span is bound to the request's context, so tasks fired while handling it carry
 * it as their parent and the log lines written meanwhile its trace id; the response echoes it as {@code traceparent};
 * it ends with the response.
 */
final class RequestTrace implements PlatformHandler {

  private static final String KEY = "courier.span";
  private static final CallContextSlot.Binder BINDER = CallContextSlot.binder();

  private final Tracing tracing;

  RequestTrace(Tracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    SpanHandle span = tracing.request(TraceParent.parse(request.getHeader(TraceParent.HEADER)),
      request.method().name(), request.path());
    ctx.put(KEY, span);
    Spans.bind(BINDER, Vertx.currentContext(), span);
    ctx.response().putHeader(TraceParent.HEADER, span.context().header());
    ctx.addEndHandler(ended -> {
      int status = ctx.response().getStatusCode();
      span.set("http.response.status_code", status);
      if (status >= 500) {
        span.failed("HTTP " + status, ctx.failure());
      }
      span.end();
    });
    ctx.next();
  }

  /** @return the request's trace id, or null when this handler did not run. */
  static String traceId(RoutingContext ctx) {
    SpanHandle span = ctx.get(KEY);
    return span == null ? null : span.context().traceId();
  }

  /** Names the request's span after its operation, once the route is known. */
  static void operation(RoutingContext ctx, String operationId) {
    SpanHandle span = ctx.get(KEY);
    if (span != null) {
      span.name(ctx.request().method().name() + " " + operationId);
      span.set("courier.operation_id", operationId);
    }
  }
}
