package dev.courier.internal.trace;

import dev.courier.internal.context.CallContextSlot;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The span of the current request or task attempt, kept in its Vert.x context beside its {@code CallContext}. */
public final class Spans {

  private Spans() {
  }

  /** Binds {@code span} to {@code context}, a duplicated context of one request or task run; binders only. */
  public static void bind(CallContextSlot.Binder binder, Context context, SpanHandle span) {
    binder.bindSpan(context, span);
  }

  /** @return the span of the request or attempt this code runs in, or null outside of one. */
  public static SpanHandle current() {
    Context context = Vertx.currentContext();
    return context == null ? null : (SpanHandle) CallContextSlot.span(context);
  }
}
