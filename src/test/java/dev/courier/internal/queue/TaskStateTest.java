package dev.courier.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TaskStateTest {

  @Test
  void wire_names_round_trip() {
    for (TaskState s : TaskState.values()) {
      assertThat(TaskState.fromWire(s.wireName())).isSameAs(s);
    }
    assertThat(TaskState.RETRYING.wireName()).isEqualTo("retrying");
    assertThatThrownBy(() -> TaskState.fromWire("RUNNING")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaskState.fromWire(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void final_states_have_no_way_out() {
    for (TaskState s : TaskState.values()) {
      assertThat(AllowedTransitions.from(s).isEmpty()).as(s.name()).isEqualTo(s.isFinal());
    }
  }

  @Test
  void the_lifecycle_is_the_documented_one() {
    assertThat(AllowedTransitions.from(null)).containsExactlyInAnyOrder(TaskState.QUEUED, TaskState.DELAYED,
        TaskState.DEAD);
    assertThat(AllowedTransitions.from(TaskState.DELAYED)).containsExactly(TaskState.QUEUED);
    assertThat(AllowedTransitions.from(TaskState.RETRYING)).containsExactly(TaskState.QUEUED);
    assertThat(AllowedTransitions.from(TaskState.QUEUED))
        .isEqualTo(EnumSet.of(TaskState.RUNNING));
    assertThat(AllowedTransitions.from(TaskState.RUNNING))
        .isEqualTo(EnumSet.of(TaskState.SUCCEEDED, TaskState.RETRYING, TaskState.DEAD, TaskState.QUEUED));
    assertThat(AllowedTransitions.isAllowed(TaskState.DELAYED, TaskState.RUNNING)).isFalse();
    assertThat(AllowedTransitions.isAllowed(TaskState.SUCCEEDED, TaskState.QUEUED)).isFalse();
  }
}
