package dev.courier.internal.auth;

import dev.courier.internal.context.CallContextSlot;
import dev.courier.api.ApiException;
import dev.courier.context.Principal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;

import java.util.Objects;

/**
 * Enforces one operation's {@link AccessRule}, first on its route: no token where one is needed, or a bad token
 * anywhere (optional auth included), is a 401; a valid token that satisfies no alternative is a 403. A verified
 * caller becomes the request's principal; an admitted caller without a token stays anonymous.
 *
 * <p>Courier does this itself rather than through the router's security handlers: vertx-web-openapi-router chains
 * alternatives with {@code ChainAuthHandler}, which only accepts Vert.x's own handler classes, and its JWT handler
 * answers 400 for some malformed headers and reads roles from {@code scope} only. It is an authentication handler so
 * that vertx-web runs it where one belongs: before validation.
 */
public final class OperationGuard implements AuthenticationHandler {

  private static final CallContextSlot.Binder BINDER = CallContextSlot.binder();

  private final TokenAuthenticator tokens;
  private final AccessRule rule;
  private final Handler<RoutingContext> first;

  /** @param first run before anything else (names the operation for metrics, so a 401 is counted under it), or null */
  public OperationGuard(TokenAuthenticator tokens, AccessRule rule, Handler<RoutingContext> first) {
    this.tokens = Objects.requireNonNull(tokens, "'tokens' cannot be null");
    this.rule = Objects.requireNonNull(rule, "'rule' cannot be null");
    this.first = first;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (first != null) {
      first.handle(ctx);
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String token = bearerToken(header);
    if (token == null) {
      if (header == null && rule.anonymousAllowed()) {
        ctx.next();
      } else {
        ctx.fail(ApiException.unauthorized("a bearer token is required"));
      }
      return;
    }
    tokens.authenticate(token).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        admit(ctx, ar.result());
      }
    });
  }

  private void admit(RoutingContext ctx, Principal caller) {
    if (!rule.admits(caller)) {
      ctx.fail(ApiException.forbidden("this operation requires " + rule.requirement()));
      return;
    }
    RequestCall.bindCaller(BINDER, ctx, caller);
    ctx.next();
  }

  static String bearerToken(String header) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
