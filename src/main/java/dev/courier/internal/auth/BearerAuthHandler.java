package dev.courier.internal.auth;

import dev.courier.context.Principal;
import dev.courier.api.ApiException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Authenticates {@code Authorization: Bearer <jwt>} for the operations whose contract {@code security} names a bearer
 * scheme, and enforces the roles listed there (OpenAPI 3.1 lets non-OAuth schemes list role names). Roles come from
 * the token's {@code roles} and {@code scope} claims. No or bad token: 401; a missing role: 403.
 *
 * <p>Written instead of vertx-web's JWTAuthHandler because that one only reads {@code scope} and answers 400 for
 * some malformed headers; Courier wants one rule: anything that is not a valid token is a 401.
 */
public final class BearerAuthHandler implements JWTAuthHandler {

  /** Where the router keeps an operation's required roles (set by vertx-web-openapi-router). */
  private static final String ROLES_METADATA = "scopes";
  private static final String EXPIRED = "the bearer token has expired";

  private final JWTAuth verifier;
  private final VerifiedTokens verified;

  /** @param leewaySeconds the clock skew {@code verifier} allows on {@code exp}, so cached tokens expire alike */
  public BearerAuthHandler(JWTAuth verifier, int leewaySeconds) {
    this(verifier, new VerifiedTokens(Clock.systemUTC(), leewaySeconds));
  }

  BearerAuthHandler(JWTAuth verifier, VerifiedTokens verified) {
    this.verifier = Objects.requireNonNull(verifier, "'verifier' cannot be null");
    this.verified = Objects.requireNonNull(verified, "'verified' cannot be null");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      ctx.fail(ApiException.unauthorized("a bearer token is required"));
      return;
    }
    VerifiedTokens.Lookup known = verified.find(token);
    if (known instanceof VerifiedTokens.Hit hit) {
      admit(ctx, hit.principal());
      return;
    }
    if (known instanceof VerifiedTokens.Expired) {
      ctx.fail(ApiException.unauthorized(EXPIRED));
      return;
    }
    verifier.authenticate(new TokenCredentials(token)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ApiException.unauthorized(reason(ar.cause())));
        return;
      }
      Principal principal;
      try {
        principal = ClaimsPrincipal.of(ar.result());
      } catch (IllegalArgumentException e) {
        ctx.fail(ApiException.unauthorized(e.getMessage()));
        return;
      }
      verified.remember(token, principal);
      admit(ctx, new Principal(principal.subject(), principal.roles(), principal.claims()));
    });
  }

  /** Checks the operation's roles for a verified caller, then binds it to the request. */
  private static void admit(RoutingContext ctx, Principal principal) {
    List<String> required = requiredRoles(ctx.currentRoute());
    if (!principal.hasAllRoles(required)) {
      ctx.fail(ApiException.forbidden("this operation requires role(s) " + String.join(", ", required)));
      return;
    }
    RequestCall.bindCaller(ctx, principal);
    ctx.next();
  }

  static String bearerToken(String header) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  @SuppressWarnings("unchecked")
  private static List<String> requiredRoles(Route route) {
    Object roles = route == null ? null : route.metadata().get(ROLES_METADATA);
    return roles instanceof List<?> ? (List<String>) roles : List.of();
  }

  /** A short reason for the client: never the token, never the key. */
  private static String reason(Throwable failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase();
    if (message.contains("expired")) {
      return EXPIRED;
    }
    if (message.contains("not yet valid") || message.contains("nbf")) {
      return "the bearer token is not valid yet";
    }
    return "the bearer token is invalid";
  }

  @Override
  public JWTAuthHandler scopeDelimiter(String delimiter) {
    return this;
  }

  @Override
  public JWTAuthHandler withScope(String scope) {
    return this;
  }

  @Override
  public JWTAuthHandler withScopes(List<String> scopes) {
    return this;
  }
}
