package dev.courier.internal.http;

import dev.courier.internal.context.CallContextSlot;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.context.CallContext;
import io.vertx.ext.web.handler.PlatformHandler;
import dev.courier.internal.auth.RequestCall;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane (so ids follow a call across
 * services), a new one otherwise. Echoed on every response and bound to the request's {@link CallContext}, with the
 * trace id {@link RequestTrace} gave the request.
 */
public final class RequestIds implements PlatformHandler {

  public static final String HEADER = "X-Request-Id";
  private static final CallContextSlot.Binder BINDER = CallContextSlot.binder();
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : UlidCreator.getMonotonicUlid().toString();
    ctx.response().putHeader(HEADER, id);
    RequestCall.bind(BINDER, ctx, new CallContext(null, id, null, 0, RequestTrace.traceId(ctx)));
    ctx.next();
  }

  /** @return the request id of {@code ctx} (never null once this handler ran). */
  public static String of(RoutingContext ctx) {
    return RequestCall.requestId(ctx);
  }
}
