package dev.courier.internal.trace;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** W3C traceparent: what is a valid one, what starts a new trace, and the ids Courier makes. */
class TraceParentTest {

  private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void a_valid_header_is_read_and_written_back_as_it_was() {
    TraceParent parent = TraceParent.parse(VALID);
    assertThat(parent).isEqualTo(new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true));
    assertThat(parent.header()).isEqualTo(VALID);
    assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").sampled()).isFalse();
  }

  @Test
  void a_later_version_is_read_by_its_first_fields() {
    assertThat(TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-next"))
      .isEqualTo(TraceParent.parse(VALID));
  }

  @Test
  void anything_invalid_is_no_parent() {
    for (String bad : List.of("", "garbage", VALID + "-", VALID.toUpperCase(), VALID.substring(1),
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x")) {
      assertThat(TraceParent.parse(bad)).as(bad).isNull();
    }
    assertThat(TraceParent.parse(null)).isNull();
  }

  @Test
  void new_ids_are_valid_and_distinct_and_a_child_keeps_the_trace() {
    Set<String> traces = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      TraceParent root = TraceParent.newTrace();
      assertThat(TraceParent.parse(root.header())).isEqualTo(root);
      traces.add(root.traceId());
      TraceParent child = root.child();
      assertThat(child.traceId()).isEqualTo(root.traceId());
      assertThat(child.spanId()).isNotEqualTo(root.spanId());
      assertThat(TraceParent.parse(child.header())).isEqualTo(child);
    }
    assertThat(traces).hasSize(1000);
  }

  @Test
  void a_task_without_a_trace_gets_the_same_one_at_every_attempt() {
    TraceParent first = TraceParent.ofTask("01JDZ8Y3V6J0Q4ZK6B2C8R5M7N");
    assertThat(TraceParent.ofTask("01JDZ8Y3V6J0Q4ZK6B2C8R5M7N")).isEqualTo(first);
    assertThat(TraceParent.parse(first.header())).isEqualTo(first);
    assertThat(TraceParent.ofTask("01JDZ8Y3V6J0Q4ZK6B2C8R5M7P").traceId()).isNotEqualTo(first.traceId());
  }
}
