package dev.courier.internal.task;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Seals envelopes with HMAC-SHA256 ({@code tasks.signingKey}) as {@code base64url(json).base64url(mac)}, so whoever can
 * write to Redis still cannot make a worker run code as another user. The MAC covers the exact bytes of the JSON.
 */
public final class EnvelopeSigner {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  // A Mac is not thread-safe and Mac.getInstance + init is a provider lookup and a key schedule per call: one keyed
  // Mac per thread (event loops and workers are few and long-lived) does neither again.
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public EnvelopeSigner(String signingKey) {
    this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String seal(Envelope envelope) {
    return seal(envelope, envelope.args().encode());
  }

  /** Seals {@code envelope} with {@code argsJson} (a JSON array text) as its args; {@code envelope.args()} is unread. */
  String seal(Envelope envelope, String argsJson) {
    byte[] body = EnvelopeJson.write(envelope, argsJson).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
  }

  /** @return the envelope, or throws {@link EnvelopeRejected} saying why it must not run. */
  public Envelope open(String sealed) {
    if (sealed == null || sealed.isEmpty()) {
      throw new EnvelopeRejected("empty envelope");
    }
    int dot = sealed.indexOf('.');
    if (dot < 0 || dot == sealed.length() - 1) {
      throw new EnvelopeRejected("unsigned envelope");
    }
    byte[] body;
    byte[] signature;
    try {
      body = DECODER.decode(sealed.substring(0, dot));
      signature = DECODER.decode(sealed.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new EnvelopeRejected("undecodable envelope");
    }
    if (!MessageDigest.isEqual(mac(body), signature)) {
      throw new EnvelopeRejected("bad envelope signature (tampered, or signed with another key)");
    }
    try {
      return EnvelopeReader.read(body);
    } catch (RuntimeException e) {
      throw new EnvelopeRejected("undecodable envelope: " + e.getMessage());
    }
  }

  private byte[] mac(byte[] body) {
    return macs.get().doFinal(body); // doFinal resets the Mac for the next body, key kept
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

  /** An envelope that must never run; its message is the reason recorded in the dead set. */
  public static final class EnvelopeRejected extends RuntimeException {
    public EnvelopeRejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
