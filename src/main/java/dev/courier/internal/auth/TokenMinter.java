package dev.courier.internal.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Signs tokens for development and tests (production tokens come from your identity provider). {@code iat} and
 * {@code exp} are set from {@code ttlSeconds}; claims given explicitly (an {@code exp} in the past, say) win.
 */
public final class TokenMinter {

  private TokenMinter() {
  }

  /**
   * @param algorithm       HS256, RS256 or ES256
   * @param secretOrPrivate the HS256 secret, or a PKCS#8 "PRIVATE KEY" PEM for RS256/ES256
   * @param claims          the claims, {@code sub} included
   * @param ttlSeconds      lifetime; must be positive (a zero lifetime would mint a token that never expires)
   */
  public static String mint(Vertx vertx, String algorithm, String secretOrPrivate, JsonObject claims,
                            int ttlSeconds) {
    if (ttlSeconds <= 0) {
      throw new IllegalArgumentException("ttlSeconds must be positive, got " + ttlSeconds);
    }
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(secretOrPrivate)));
    JsonObject body = claims.copy();
    long now = System.currentTimeMillis() / 1000;
    body.put("iat", body.getLong("iat", now));
    body.put("exp", body.getLong("exp", now + ttlSeconds));
    return signer.generateToken(body, new JWTOptions().setAlgorithm(algorithm).setNoTimestamp(true));
  }
}
