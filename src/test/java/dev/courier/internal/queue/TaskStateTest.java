package dev.courier.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.task.TaskState;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TaskStateTest {

  @Test
  void wire_names_round_trip() {
    for (TaskState s : TaskState.values()) {
      assertThat(TaskState.fromWire(s.wireName())).isSameAs(s);
    }
    assertThat(TaskState.RETRYING.wireName()).isEqualTo("retrying");
  }

  @Test
  void a_name_no_script_writes_reads_as_unknown_never_as_a_failure() {
    assertThat(TaskState.fromWire("RUNNING")).isSameAs(TaskState.UNKNOWN);
    assertThat(TaskState.fromWire("paused")).isSameAs(TaskState.UNKNOWN);
    assertThat(TaskState.fromWire("")).isSameAs(TaskState.UNKNOWN);
    assertThat(TaskState.fromWire(null)).isSameAs(TaskState.UNKNOWN);
    assertThat(TaskState.UNKNOWN.isFinal()).as("Courier may still move it: pollers must not stop as if done")
        .isFalse();
  }

  @Test
  void final_states_have_no_way_out() {
    for (TaskState s : EnumSet.complementOf(EnumSet.of(TaskState.UNKNOWN))) {
      assertThat(AllowedTransitions.from(s).isEmpty()).as(s.name()).isEqualTo(s.isFinal());
    }
    assertThat(AllowedTransitions.from(TaskState.UNKNOWN)).as("no script writes it; claim buries it")
        .containsExactly(TaskState.DEAD);
    assertThat(AllowedTransitions.from(null)).doesNotContain(TaskState.UNKNOWN);
  }

  @Test
  void the_lifecycle_is_the_documented_one() {
    assertThat(AllowedTransitions.from(null)).containsExactlyInAnyOrder(TaskState.QUEUED, TaskState.DELAYED,
        TaskState.DEAD);
    // a damaged record of any non-final state is buried when claimed (PoisonClaimTest)
    assertThat(AllowedTransitions.from(TaskState.DELAYED)).containsExactlyInAnyOrder(TaskState.QUEUED, TaskState.DEAD);
    assertThat(AllowedTransitions.from(TaskState.RETRYING)).containsExactlyInAnyOrder(TaskState.QUEUED,
        TaskState.DEAD);
    assertThat(AllowedTransitions.from(TaskState.QUEUED))
        .isEqualTo(EnumSet.of(TaskState.RUNNING, TaskState.DEAD));
    assertThat(AllowedTransitions.from(TaskState.RUNNING))
        .isEqualTo(EnumSet.of(TaskState.SUCCEEDED, TaskState.RETRYING, TaskState.DEAD, TaskState.QUEUED,
            TaskState.DELAYED));
    assertThat(AllowedTransitions.isAllowed(TaskState.DELAYED, TaskState.RUNNING)).isFalse();
    assertThat(AllowedTransitions.isAllowed(TaskState.SUCCEEDED, TaskState.QUEUED)).isFalse();
  }
}
