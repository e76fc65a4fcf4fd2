package dev.courier.reliability;

import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forged and broken bearer tokens, by name, as {@code Authorization} header values: alg none, HS/RS confusion, bad
 * signatures, expired or not-yet-valid tokens, foreign issuers, kid/jku injection, huge and malformed tokens. A node
 * must answer each with a 4xx and let nothing in.
 */
public final class JwtAttacks {

  private JwtAttacks() {
  }

  /** Attacks on a node that verifies HS256 with {@link TestNode#SECRET}. */
  public static Map<String, String> againstHs256(KeyPair attackerRsa) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject ok = claims(now);
    String hs = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    byte[] secret = TestNode.SECRET.getBytes(StandardCharsets.UTF_8);
    Map<String, String> a = new LinkedHashMap<>();
    a.put("alg none", bearer(unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", ok) + "."));
    a.put("alg None, signature kept", bearer(unsigned("{\"alg\":\"None\"}", ok) + "." + b64("x".getBytes())));
    a.put("alg NONE", bearer(unsigned("{\"alg\":\"NONE\"}", ok) + "."));
    a.put("RS256 by an attacker's key", bearer(rs256("{\"alg\":\"RS256\"}", ok, attackerRsa)));
    a.put("HS512 by the right secret", bearer(hmac("{\"alg\":\"HS512\"}", ok, "HmacSHA512", secret)));
    a.put("HS256 by a wrong secret", bearer(hmac(hs, ok, "HmacSHA256", "wrong-secret-0123456789abcdef0123".getBytes())));
    a.put("HS256 by an empty secret", bearer(hmac(hs, ok, "HmacSHA256", new byte[1])));
    a.put("signature flipped", bearer(flip(hmac(hs, ok, "HmacSHA256", secret))));
    a.put("signature stripped", bearer(unsigned(hs, ok) + "."));
    a.put("expired an hour ago", bearer(hmac(hs, claims(now).put("exp", now - 3600), "HmacSHA256", secret)));
    a.put("not valid for an hour", bearer(hmac(hs, claims(now).put("nbf", now + 3600), "HmacSHA256", secret)));
    a.put("foreign issuer", bearer(hmac(hs, claims(now).put("iss", "evil"), "HmacSHA256", secret)));
    a.put("foreign audience", bearer(hmac(hs, claims(now).put("aud", "evil"), "HmacSHA256", secret)));
    a.put("kid path traversal", bearer(hmac("{\"alg\":\"HS256\",\"kid\":\"../../../../../../dev/null\"}", ok,
      "HmacSHA256", new byte[1])));
    a.put("kid SQL injection", bearer(hmac("{\"alg\":\"HS256\",\"kid\":\"x' UNION SELECT 'k' --\"}", ok,
      "HmacSHA256", "k".getBytes())));
    a.put("jku and x5u to a foreign host", bearer(hmac("{\"alg\":\"HS256\",\"jku\":\"http://127.0.0.1:1/jwks\","
      + "\"x5u\":\"http://127.0.0.1:1/x5u\"}", ok, "HmacSHA256", "k".getBytes())));
    a.put("embedded jwk", bearer(hmac("{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"aw\"}}", ok,
      "HmacSHA256", "k".getBytes())));
    a.put("7 KB token", bearer(hmac(hs, claims(now).put("pad", "p".repeat(5_000)), "HmacSHA256", "x".getBytes())));
    a.put("100 KB token", bearer(hmac(hs, claims(now).put("pad", "p".repeat(75_000)), "HmacSHA256",
      "x".getBytes())));
    a.put("two segments", "Bearer abc.def");
    a.put("four segments", bearer(hmac(hs, ok, "HmacSHA256", secret) + ".extra"));
    a.put("1000 dots", "Bearer " + ".".repeat(1000));
    a.put("header not JSON", bearer(b64("not json".getBytes()) + "." + b64(ok.encode().getBytes()) + ".sig"));
    a.put("header a JSON array", bearer(b64("[1]".getBytes()) + "." + b64(ok.encode().getBytes()) + ".sig"));
    a.put("payload not JSON", bearer(hmacRaw(hs, "not json", secret)));
    a.put("payload with no sub", bearer(hmac(hs, new JsonObject().put("iss", TestNode.ISSUER)
      .put("aud", TestNode.AUDIENCE).put("exp", now + 300), "HmacSHA256", "x".getBytes())));
    a.put("base64 with bad characters", "Bearer ***.%%%.$$$");
    a.put("Basic scheme", "Basic " + b64("admin:admin".getBytes()));
    a.put("Bearer and nothing", "Bearer ");
    a.put("Bearer twice", "Bearer Bearer " + hmac(hs, ok, "HmacSHA256", "x".getBytes()));
    return a;
  }

  /** Algorithm confusion against a node that verifies RS256: HS256 signed with its public key PEM as the secret. */
  public static Map<String, String> againstRs256(String publicPem) {
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> a = new LinkedHashMap<>();
    a.put("HS256 keyed by the RS256 public key PEM", bearer(hmac("{\"alg\":\"HS256\"}", claims(now), "HmacSHA256",
      publicPem.getBytes(StandardCharsets.UTF_8))));
    a.put("alg none against RS256", bearer(unsigned("{\"alg\":\"none\"}", claims(now)) + "."));
    return a;
  }

  static JsonObject claims(long now) {
    return Tokens.claims("mallory", "admin").put("iat", now).put("exp", now + 300);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String unsigned(String header, JsonObject claims) {
    return b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(String header, JsonObject claims, String algorithm, byte[] key) {
    String input = unsigned(header, claims);
    return input + "." + b64(mac(algorithm, key, input));
  }

  private static String hmacRaw(String header, String payload, byte[] key) {
    String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
    return input + "." + b64(mac("HmacSHA256", key, input));
  }

  private static byte[] mac(String algorithm, byte[] key, String input) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rs256(String header, JsonObject claims, KeyPair pair) {
    try {
      String input = unsigned(header, claims);
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(pair.getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(s.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String flip(String token) {
    char last = token.charAt(token.length() - 2);
    return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
