package dev.courier.internal.task;

import dev.courier.api.ModelMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written envelope JSON is the wire format a JSON tree gives, byte for byte, so old and new nodes agree. */
class EnvelopeJsonTest {

  static final String AWKWARD = "q\"uote \\ back\n\r\t\b\f \u0001\u001f\u007f é 日本 \u2028 😀 </script>";

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  static Envelope envelope(String task, JsonArray args, JsonObject principal, String requestId) {
    return envelope(task, args, principal, requestId, TRACEPARENT);
  }

  static Envelope envelope(String task, JsonArray args, JsonObject principal, String requestId, String traceparent) {
    return new Envelope("01JDZ8Y3V6J0Q4ZK6B2C8R5M7N", task, "emails", args, principal, requestId, 1_700_000_000_000L,
      1_700_000_005_000L, 3, 5, 300_000L, traceparent);
  }

  @Test
  void an_envelope_is_written_exactly_as_its_json_tree_encodes() {
    JsonArray args = new JsonArray().add("a").add(1).add(2.5).add(true).addNull()
      .add(new JsonObject().put("k", List.of(1, 2)));
    JsonObject principal = new JsonObject().put("sub", "u-1").put("roles", new JsonArray().add("admin"));
    for (Envelope e : List.of(envelope("sendEmail", args, null, null), envelope(AWKWARD, args, principal, AWKWARD),
        envelope("t", new JsonArray(), principal, "req-1"), envelope("t", args, null, null, null))) {
      assertThat(EnvelopeJson.write(e, e.args().encode())).isEqualTo(e.toJson().encode());
    }
  }

  @Test
  void scalar_arguments_are_written_as_the_model_mapper_writes_them() {
    Object[] args = {"x", AWKWARD, 0.0, -1.5e-300, 1e20, 3.25f, 7, -9_000_000_000L, (short) 3, (byte) -1, true, null};
    assertThat(EnvelopeJson.scalars(args)).isEqualTo(ModelMapper.write(Arrays.asList(args)));
  }

  @Test
  void anything_but_a_plain_scalar_is_left_to_the_model_mapper() {
    assertThat(EnvelopeJson.scalars(new Object[] {"x", Double.NaN})).isNull();
    assertThat(EnvelopeJson.scalars(new Object[] {Float.POSITIVE_INFINITY})).isNull();
    assertThat(EnvelopeJson.scalars(new Object[] {Instant.EPOCH})).isNull();
    assertThat(EnvelopeJson.scalars(new Object[] {BigDecimal.ONE})).isNull();
    assertThat(EnvelopeJson.scalars(new Object[] {List.of("a")})).isNull();
    assertThat(EnvelopeJson.scalars(new Object[] {Map.of("a", 1)})).isNull();
    assertThat(EnvelopeJson.scalars(new Object[] {})).isEqualTo("[]");
  }

  @Test
  void a_sealed_envelope_opens_to_the_same_envelope() {
    EnvelopeSigner signer = new EnvelopeSigner("a-signing-key-0123456789abcdefghijklmnopqrstuvwxyz");
    Envelope e = envelope(AWKWARD, new JsonArray().add(AWKWARD).add(4), new JsonObject().put("sub", AWKWARD), AWKWARD);

    assertThat(signer.open(signer.seal(e))).isEqualTo(e);
    assertThat(signer.open(signer.seal(e)).traceparent()).isEqualTo(TRACEPARENT);
    assertThat(signer.open(signer.seal(e.nextAttempt(7L))).traceparent()).as("every attempt has the same parent")
      .isEqualTo(TRACEPARENT);
    assertThat(signer.open(signer.seal(e, "[\"x\",1]")).args()).isEqualTo(new JsonArray().add("x").add(1));
  }
}
