package dev.courier.internal.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each reason a worker buries a task with (docs/design.md §8) reads as its code; anything else as "other". */
class DeadReasonTest {

  @Test
  void every_reason_the_worker_writes_has_its_code() {
    assertThat(DeadReason.of("failed after 5 attempt(s): IllegalStateException: boom")).isEqualTo("attempts_exhausted");
    assertThat(DeadReason.of("NoRetry: card declined")).isEqualTo("no_retry");
    assertThat(DeadReason.of("its body ignored the interrupt and still held its thread 1 s after its timeout "
      + "(task 'x' timed out after 1000 ms)")).isEqualTo("stuck");
    assertThat(DeadReason.of("attempt 3 of 2: earlier runs were lost with their workers")).isEqualTo("attempts_lost");
    assertThat(DeadReason.of("unknown task id 01M8NCAZTDYH000926Q9GFR9VN")).isEqualTo("unknown_id");
    assertThat(DeadReason.of("unknown task 'sendFax' on this node")).isEqualTo("unknown_task");
    assertThat(DeadReason.of("task 'sendEmail' takes 3 argument(s), the envelope has 2")).isEqualTo("arguments_misfit");
    assertThat(DeadReason.of("argument 1 of task 'sendEmail' no longer fits int")).isEqualTo("arguments_misfit");
    for (String rejected : new String[] {"empty envelope", "unsigned envelope", "undecodable envelope: not JSON",
      "bad envelope signature (tampered, or signed with another key)", "envelope of task A found under task B"}) {
      assertThat(DeadReason.of(rejected)).as(rejected).isEqualTo("rejected_envelope");
    }
    for (String damaged : new String[] {"damaged task hash: no envelope", "damaged task record: the key held a string,"
      + " not a hash", "stream entry 1-0 names no task id (fields: x y)", "could not be prepared: Boom: x"}) {
      assertThat(DeadReason.of(damaged)).as(damaged).isEqualTo("damaged");
    }
    assertThat(DeadReason.of("envelope of queue 'a' found in queue 'b'")).isEqualTo("tampered");
    assertThat(DeadReason.of("task hash disagrees with its signed envelope: max_attempts 9, signed 3"))
      .isEqualTo("tampered");
    assertThat(DeadReason.of("unknown task 'sendFax' on this node, and no node that knows it took it within "
      + "tasks.unknownTaskGraceSeconds (600 s)")).isEqualTo("unknown_task");
  }

  @Test
  void an_unknown_or_missing_reason_is_other() {
    assertThat(DeadReason.of("the moon is in the wrong phase")).isEqualTo("other");
    assertThat(DeadReason.of("")).isEqualTo("other");
    assertThat(DeadReason.of(null)).isEqualTo("other");
  }
}
