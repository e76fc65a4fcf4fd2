package dev.courier.internal.auth;

import dev.courier.api.ApiException;
import dev.courier.context.Principal;
import io.vertx.core.Future;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.time.Clock;
import java.util.Objects;

/**
 * Turns a bearer token into its verified {@link Principal}, or fails with a 401 {@link ApiException} whose message
 * names the reason but never the token or the key. Successes are remembered ({@link VerifiedTokens}), so a repeated
 * token costs a map lookup; shared by all the operations of a node.
 */
public final class TokenAuthenticator {

  private static final String EXPIRED = "the bearer token has expired";

  private final JWTAuth verifier;
  private final VerifiedTokens verified;
  private final RolesClaim rolesClaim;

  /** @param leewaySeconds the clock skew {@code verifier} allows on {@code exp}, so cached tokens expire alike */
  public TokenAuthenticator(JWTAuth verifier, int leewaySeconds, RolesClaim rolesClaim) {
    this(verifier, new VerifiedTokens(Clock.systemUTC(), leewaySeconds), rolesClaim);
  }

  TokenAuthenticator(JWTAuth verifier, VerifiedTokens verified, RolesClaim rolesClaim) {
    this.verifier = Objects.requireNonNull(verifier, "'verifier' cannot be null");
    this.verified = Objects.requireNonNull(verified, "'verified' cannot be null");
    this.rolesClaim = Objects.requireNonNull(rolesClaim, "'rolesClaim' cannot be null");
  }

  /** @return the caller {@code token} proves, or a failed future holding a 401 */
  public Future<Principal> authenticate(String token) {
    VerifiedTokens.Lookup known = verified.find(token);
    if (known instanceof VerifiedTokens.Hit hit) {
      return Future.succeededFuture(hit.principal());
    }
    if (known instanceof VerifiedTokens.Expired) {
      return Future.failedFuture(ApiException.unauthorized(EXPIRED));
    }
    return verifier.authenticate(new TokenCredentials(token)).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(ApiException.unauthorized(reason(ar.cause())));
      }
      Principal principal;
      try {
        principal = ClaimsPrincipal.of(ar.result(), rolesClaim);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(ApiException.unauthorized(e.getMessage()));
      }
      verified.remember(token, principal);
      // a copy, as a cache hit gives: the request may change its caller's claims without changing the cached ones
      return Future.succeededFuture(new Principal(principal.subject(), principal.roles(), principal.claims()));
    });
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
}
