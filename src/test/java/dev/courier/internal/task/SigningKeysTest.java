package dev.courier.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.internal.task.EnvelopeSigner.EnvelopeRejected;
import dev.courier.internal.task.EnvelopeSigner.UnknownSigningKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Envelopes name the key that sealed them; a signer of several keys seals with the first and opens with any. */
class SigningKeysTest {

  private static final String OLD = "old-signing-key-0123456789abcdefghijklmnop";
  private static final String NEW = "new-signing-key-0123456789abcdefghijklmnop";
  private static final Envelope ENVELOPE = new Envelope("01ARZ3NDEKTSV4RRFFQ69G5FAV", "record", "default",
    new JsonArray().add("x"), new JsonObject().put("sub", "alice"), "req-1", 1L, 2L, 1, 3, 1000, null);

  @Test
  void a_key_id_is_eight_hex_digits_of_the_keys_hash_and_never_the_key() {
    String id = new EnvelopeSigner(OLD).keyId();
    assertThat(id).matches("[0-9a-f]{8}").isNotEqualTo(new EnvelopeSigner(NEW).keyId());
    assertThat(new EnvelopeSigner(OLD).keyId()).as("stable across nodes").isEqualTo(id);
    String sealed = new EnvelopeSigner(OLD).seal(ENVELOPE);
    assertThat(sealed).startsWith(id + ".").doesNotContain(OLD);
  }

  @Test
  void during_a_rotation_the_first_key_seals_and_both_open() {
    EnvelopeSigner rotating = new EnvelopeSigner(List.of(NEW, OLD));
    assertThat(rotating.keyIds()).containsExactly(new EnvelopeSigner(NEW).keyId(), new EnvelopeSigner(OLD).keyId());
    assertThat(rotating.seal(ENVELOPE)).startsWith(new EnvelopeSigner(NEW).keyId() + ".");
    assertThat(rotating.open(new EnvelopeSigner(OLD).seal(ENVELOPE))).isEqualTo(ENVELOPE);
    assertThat(new EnvelopeSigner(List.of(OLD, NEW)).open(rotating.seal(ENVELOPE))).isEqualTo(ENVELOPE);
  }

  @Test
  void a_key_id_this_signer_does_not_hold_is_not_a_rejection_but_names_the_id() {
    String sealed = new EnvelopeSigner(NEW).seal(ENVELOPE);
    assertThatThrownBy(() -> new EnvelopeSigner(OLD).open(sealed)).isInstanceOfSatisfying(UnknownSigningKey.class,
      e -> {
        assertThat(e.keyId()).isEqualTo(new EnvelopeSigner(NEW).keyId());
        assertThat(e.getMessage()).doesNotContain(NEW);
      });
    assertThat(new EnvelopeSigner(OLD).holds(new EnvelopeSigner(NEW).keyId())).isFalse();
    assertThat(new EnvelopeSigner(List.of(OLD, NEW)).holds(new EnvelopeSigner(NEW).keyId())).isTrue();
  }

  @Test
  void an_envelope_sealed_before_key_ids_opens_with_any_key_held() throws Exception {
    String legacy = legacySeal(OLD, ENVELOPE);
    assertThat(legacy.chars().filter(c -> c == '.').count()).isEqualTo(1);
    assertThat(new EnvelopeSigner(OLD).open(legacy)).isEqualTo(ENVELOPE);
    assertThat(new EnvelopeSigner(List.of(NEW, OLD)).open(legacy)).as("the old key, now second").isEqualTo(ENVELOPE);
    assertThatThrownBy(() -> new EnvelopeSigner(NEW).open(legacy)).isInstanceOf(EnvelopeRejected.class)
      .hasMessageContaining("bad envelope signature");
  }

  @Test
  void a_malformed_key_id_is_undecodable() {
    String sealed = new EnvelopeSigner(OLD).seal(ENVELOPE);
    String body = sealed.substring(sealed.indexOf('.'));
    assertThatThrownBy(() -> new EnvelopeSigner(OLD).open("XYZ" + body)).isInstanceOf(EnvelopeRejected.class)
      .hasMessage("undecodable envelope");
    assertThatThrownBy(() -> new EnvelopeSigner(OLD).open(sealed.substring(0, sealed.lastIndexOf('.') + 1)))
      .isInstanceOf(EnvelopeRejected.class).hasMessage("unsigned envelope");
  }

  /** What a node wrote before envelopes carried their key id: base64url(json) "." base64url(mac). */
  private static String legacySeal(String key, Envelope envelope) throws Exception {
    byte[] body = EnvelopeJson.write(envelope, envelope.args().encode()).getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    return enc.encodeToString(body) + "." + enc.encodeToString(mac.doFinal(body));
  }
}
