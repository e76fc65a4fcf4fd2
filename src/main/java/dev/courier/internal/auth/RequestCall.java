package dev.courier.internal.auth;

import dev.courier.context.CallContext;
import dev.courier.context.Principal;
import dev.courier.internal.context.CallContextSlot;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The one {@link CallContext} of a request: kept on the routing context and bound to the request's Vert.x context,
 * so the principal a handler reads, the one a fired task carries and the one the access log names are one object.
 */
public final class RequestCall {

  private static final String KEY = "courier.call";

  private RequestCall() {
  }

  /**
   * Makes {@code call} the request's context (first its id, then, once verified, its caller). Only a holder of a
   * {@link CallContextSlot.Binder} may: this class is public, and on the class path so is its package.
   */
  public static void bind(CallContextSlot.Binder binder, RoutingContext ctx, CallContext call) {
    ctx.put(KEY, call);
    binder.bind(Vertx.currentContext(), call);
  }

  /** Makes {@code principal}, once verified, the caller in the request's context; its ids stay. */
  public static void bindCaller(CallContextSlot.Binder binder, RoutingContext ctx, Principal principal) {
    CallContext call = of(ctx);
    bind(binder, ctx, new CallContext(principal, requestId(ctx), null, 0, call == null ? null : call.traceId()));
  }

  /** @return the request's context, or {@code null} before the request id was given. */
  public static CallContext of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** @return the verified caller of the request, or {@code null} when anonymous. */
  public static Principal principal(RoutingContext ctx) {
    CallContext call = of(ctx);
    return call == null ? null : call.principal();
  }

  /** @return the request id (never null once the request id handler ran). */
  public static String requestId(RoutingContext ctx) {
    CallContext call = of(ctx);
    return call == null ? "unknown" : call.requestId();
  }
}
