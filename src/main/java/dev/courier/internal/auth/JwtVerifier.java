package dev.courier.internal.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.Objects;
import java.util.Set;

/**
 * Builds the one JWT verifier of a node from config. Exactly one key of exactly one algorithm is registered, so a
 * token signed with any other algorithm (HS256 against an RS256 key and back, or {@code alg: none}) has no key to
 * verify against and is rejected.
 */
public final class JwtVerifier {

  private static final Set<String> ALGORITHMS = Set.of("HS256", "RS256", "ES256");

  private JwtVerifier() {
  }

  /**
   * @param algorithm     HS256, RS256 or ES256
   * @param secretOrPem   the HS256 secret, or the PEM "PUBLIC KEY" text for RS256/ES256
   * @param issuer        required {@code iss}, or null to accept any
   * @param audience      required {@code aud}, or null to accept any
   * @param leewaySeconds clock skew allowed on {@code exp}, {@code nbf} and {@code iat}
   */
  public static JWTAuth create(Vertx vertx, String algorithm, String secretOrPem, String issuer, String audience,
                               int leewaySeconds) {
    Objects.requireNonNull(secretOrPem, "'secretOrPem' cannot be null");
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException("unsupported JWT algorithm '" + algorithm + "'");
    }
    JWTOptions verify = new JWTOptions().setLeeway(leewaySeconds).setIgnoreExpiration(false);
    if (issuer != null) {
      verify.setIssuer(issuer);
    }
    if (audience != null) {
      verify.addAudience(audience);
    }
    PubSecKeyOptions key = new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(secretOrPem);
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key).setJWTOptions(verify));
  }
}
