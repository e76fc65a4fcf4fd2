package dev.courier.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader gives back exactly what was written, with the value types Vert.x's own decoding gives. */
class EnvelopeReaderTest {

  @Test
  void what_the_writer_wrote_reads_back_equal_to_a_json_tree_decode() {
    JsonArray args = new JsonArray().add("a").add(1).add(9_000_000_000L).add(2.5).add(true).addNull()
      .add(new JsonObject().put("k", List.of(1, 2)).put("n", new JsonObject().putNull("z")))
      .add(new BigInteger("123456789012345678901234567890")).add(new JsonArray().add(new JsonArray()));
    JsonObject principal = new JsonObject().put("sub", "u-1").put("roles", new JsonArray().add("admin"));
    for (Envelope e : List.of(EnvelopeJsonTest.envelope("sendEmail", args, null, null),
        EnvelopeJsonTest.envelope(EnvelopeJsonTest.AWKWARD, args, principal, EnvelopeJsonTest.AWKWARD))) {
      String json = EnvelopeJson.write(e, e.args().encode());

      Envelope read = EnvelopeReader.read(json.getBytes(StandardCharsets.UTF_8));

      assertThat(read.toJson()).isEqualTo(new JsonObject(json));
      assertThat(read.args().getValue(1)).isInstanceOf(Integer.class);
      assertThat(read.args().getValue(2)).isInstanceOf(Long.class);
      assertThat(read.args().getValue(3)).isInstanceOf(Double.class);
    }
  }

  @Test
  void an_envelope_written_before_envelopes_carried_a_trace_reads_with_none() {
    // the exact text an earlier version wrote, with no traceparent field
    String json = "{\"v\":1,\"id\":\"01JDZ8Y3V6J0Q4ZK6B2C8R5M7N\",\"task\":\"sendEmail\",\"queue\":\"emails\","
      + "\"args\":[\"a\"],\"principal\":null,\"request_id\":\"req-1\",\"enqueued_at\":1,\"due_at\":2,\"attempt\":1,"
      + "\"max_attempts\":5,\"timeout_ms\":300000}";

    Envelope e = EnvelopeReader.read(json.getBytes(StandardCharsets.UTF_8));

    assertThat(e.traceparent()).isNull();
    assertThat(e.requestId()).isEqualTo("req-1");
    assertThat(EnvelopeJson.write(e, e.args().encode())).as("and is written back as it was").isEqualTo(json);
  }

  @Test
  void unknown_fields_are_skipped() {
    String json = "{\"v\":1,\"future\":{\"a\":[1,{\"b\":2}]},\"id\":\"i\",\"task\":\"t\",\"queue\":\"q\",\"args\":[],"
      + "\"attempt\":2,\"max_attempts\":4,\"timeout_ms\":10}";

    Envelope e = EnvelopeReader.read(json.getBytes(StandardCharsets.UTF_8));

    assertThat(e.id()).isEqualTo("i");
    assertThat(e.attempt()).isEqualTo(2);
    assertThat(e.maxAttempts()).isEqualTo(4);
    assertThat(e.principal()).isNull();
  }

  @Test
  void a_wrong_version_missing_field_wrong_type_or_non_json_is_refused() {
    for (String bad : List.of("{\"v\":2,\"id\":\"i\",\"task\":\"t\",\"queue\":\"q\"}",
        "{\"v\":1,\"task\":\"t\",\"queue\":\"q\"}", "{\"v\":1,\"id\":\"i\",\"task\":\"t\",\"queue\":\"q\",\"args\":{}}",
        "{\"v\":1,\"id\":\"i\",\"task\":\"t\",\"queue\":\"q\",\"principal\":[1]}", "[1]", "{\"v\":1,", "nope")) {
      assertThatThrownBy(() -> EnvelopeReader.read(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
        .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
