package dev.courier.internal.task;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Base64;
import java.security.MessageDigest;

/**
 * Seals envelopes with HMAC-SHA256 as {@code keyId.base64url(json).base64url(mac)}, so whoever can write to Redis
 * still cannot make a worker run code as another user. The MAC covers the exact bytes of the JSON. The node's keys
 * come from {@code tasks.signingKeys}: the first one signs, every one verifies, so keys can be rotated without
 * burying the tasks in flight. The key id outside the MAC only says which key to check with: a wrong id fails that
 * check (or names a key this node does not hold, see {@link UnknownSigningKey}). Envelopes sealed before key ids
 * existed ({@code base64url(json).base64url(mac)}) are checked against every key held.
 */
public final class EnvelopeSigner {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");

  private final List<SigningKey> keys;

  public EnvelopeSigner(String signingKey) {
    this(List.of(signingKey));
  }

  /** @param signingKeys the first signs, every one verifies; distinct, at least one */
  public EnvelopeSigner(List<String> signingKeys) {
    Objects.requireNonNull(signingKeys, "'signingKeys' cannot be null");
    if (signingKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is needed");
    }
    this.keys = signingKeys.stream().map(SigningKey::new).toList();
  }

  /** @return the id of the key that signs (the first), as sealed envelopes carry it */
  public String keyId() {
    return keys.get(0).id();
  }

  /** @return the ids of every key this signer verifies with, the signing one first */
  public List<String> keyIds() {
    return keys.stream().map(SigningKey::id).toList();
  }

  /** @return whether an envelope sealed with key id {@code keyId} can be opened here */
  public boolean holds(String keyId) {
    return byId(keyId).isPresent();
  }

  public String seal(Envelope envelope) {
    return seal(envelope, envelope.args().encode());
  }

  /** Seals {@code envelope} with {@code argsJson} (a JSON array text) as its args; {@code envelope.args()} is unread. */
  String seal(Envelope envelope, String argsJson) {
    byte[] body = EnvelopeJson.write(envelope, argsJson).getBytes(StandardCharsets.UTF_8);
    SigningKey key = keys.get(0);
    return key.id() + "." + ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(key.mac(body));
  }

  /**
   * @return the envelope; throws {@link EnvelopeRejected} saying why it must never run, or {@link UnknownSigningKey}
   *     when it names a key this node does not hold (a node that holds it may run it)
   */
  public Envelope open(String sealed) {
    if (sealed == null || sealed.isEmpty()) {
      throw new EnvelopeRejected("empty envelope");
    }
    int first = sealed.indexOf('.');
    if (first < 0 || first == sealed.length() - 1) {
      throw new EnvelopeRejected("unsigned envelope");
    }
    int second = sealed.indexOf('.', first + 1);
    String keyId = second < 0 ? null : sealed.substring(0, first);
    int bodyStart = second < 0 ? 0 : first + 1;
    int bodyEnd = second < 0 ? first : second;
    if (bodyEnd == sealed.length() - 1) {
      throw new EnvelopeRejected("unsigned envelope");
    }
    if (keyId != null && !KEY_ID.matcher(keyId).matches()) {
      throw new EnvelopeRejected("undecodable envelope");
    }
    byte[] body;
    byte[] signature;
    try {
      body = DECODER.decode(sealed.substring(bodyStart, bodyEnd));
      signature = DECODER.decode(sealed.substring(bodyEnd + 1));
    } catch (IllegalArgumentException e) {
      throw new EnvelopeRejected("undecodable envelope");
    }
    if (!verifies(keyId, body, signature)) {
      throw new EnvelopeRejected("bad envelope signature (tampered, or signed with another key)");
    }
    try {
      return EnvelopeReader.read(body);
    } catch (RuntimeException e) {
      throw new EnvelopeRejected("undecodable envelope: " + e.getMessage());
    }
  }

  private boolean verifies(String keyId, byte[] body, byte[] signature) {
    if (keyId == null) { // sealed before envelopes named their key: any key held may have signed it
      return keys.stream().anyMatch(key -> MessageDigest.isEqual(key.mac(body), signature));
    }
    SigningKey key = byId(keyId).orElseThrow(() -> new UnknownSigningKey(keyId));
    return MessageDigest.isEqual(key.mac(body), signature);
  }

  private Optional<SigningKey> byId(String keyId) {
    for (SigningKey key : keys) {
      if (key.id().equals(keyId)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** An envelope that must never run; its message is the reason recorded in the dead set. */
  public static final class EnvelopeRejected extends RuntimeException {
    public EnvelopeRejected(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * An envelope sealed with a key this node does not hold: not a forgery as far as this node can tell, so it is left
   * for a node that holds the key. The message names the key id, never a key.
   */
  public static final class UnknownSigningKey extends RuntimeException {

    private final String keyId;

    public UnknownSigningKey(String keyId) {
      super("signed with key id " + keyId + ", which this node does not hold (tasks.signingKeys)", null, false,
        false);
      this.keyId = keyId;
    }

    public String keyId() {
      return keyId;
    }
  }
}
