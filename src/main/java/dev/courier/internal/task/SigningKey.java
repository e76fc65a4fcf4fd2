package dev.courier.internal.task;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One HMAC-SHA256 envelope key and its id: the first 8 hex digits of the SHA-256 of the key. The id is what envelopes,
 * logs and Redis name; it tells keys apart without revealing anything usable about one (32 bits of a hash of a secret
 * of at least 32 characters).
 */
final class SigningKey {

  private final String id;
  private final SecretKeySpec key;
  // A Mac is not thread-safe and Mac.getInstance + init is a provider lookup and a key schedule per call: one keyed
  // Mac per thread (event loops and workers are few and long-lived) does neither again.
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  SigningKey(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    this.id = idOf(bytes);
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  String id() {
    return id;
  }

  byte[] mac(byte[] body) {
    return macs.get().doFinal(body); // doFinal resets the Mac for the next body, key kept
  }

  private static String idOf(byte[] secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
