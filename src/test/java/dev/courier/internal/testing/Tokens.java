package dev.courier.internal.testing;

import dev.courier.internal.auth.TokenMinter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/** Tokens for tests: the test node's HS256 secret by default, or freshly generated RSA and EC keys. */
public final class Tokens {

  private Tokens() {
  }

  /** Claims a test node accepts: its issuer and audience, {@code sub} and {@code roles}. */
  public static JsonObject claims(String subject, String... roles) {
    return new JsonObject().put("sub", subject).put("iss", TestNode.ISSUER).put("aud", TestNode.AUDIENCE)
      .put("roles", new JsonArray(List.of(roles)));
  }

  public static String hs256(Vertx vertx, JsonObject claims) {
    return TokenMinter.mint(vertx, "HS256", TestNode.SECRET, claims, 300);
  }

  public static String bearer(Vertx vertx, String subject, String... roles) {
    return "Bearer " + hs256(vertx, claims(subject, roles));
  }

  public static KeyPair rsa() {
    return generate("RSA", null);
  }

  public static KeyPair ec() {
    return generate("EC", new ECGenParameterSpec("secp256r1"));
  }

  public static String publicPem(KeyPair pair) {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  public static String privatePem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        generator.initialize(spec);
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
