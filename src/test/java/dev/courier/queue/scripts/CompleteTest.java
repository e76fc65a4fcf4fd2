package dev.courier.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.queue.Claim;
import dev.courier.queue.TaskState;
import org.junit.jupiter.api.Test;

class CompleteTest extends QueueScriptTestBase {

  @Test
  void complete_acknowledges_and_marks_succeeded_with_a_ttl() {
    Claim c = aRunningTask("t1");

    assertThat(queue.complete(c, NOW + 50, DAY).await()).isTrue();

    assertThat(state.hash("t1")).containsEntry("state", "succeeded")
        .containsEntry("finished_at", Long.toString(NOW + 50)).containsEntry("attempts", "1")
        .containsEntry("envelope", "env-t1").doesNotContainKey("entry");
    assertThat(state.pttl("t1")).isBetween(DAY - 5_000, DAY);
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
    assertThat(state.delayed()).isEmpty();
    assertThat(state.dead()).isEmpty();
    assertAllowed(TaskState.RUNNING, TaskState.SUCCEEDED);
  }

  @Test
  void complete_after_a_retry_keeps_the_last_error() {
    Claim first = aRunningTask("t1");
    queue.retry(first, "env-2", NOW + 10, "boom", NOW).await();
    queue.promoteDue(NOW + 10, 10).await();
    Claim second = readAll("worker-1").get(0);
    queue.start(second, NOW + 11).await();

    assertThat(queue.complete(second, NOW + 20, DAY).await()).isTrue();

    assertThat(state.hash("t1")).containsEntry("state", "succeeded").containsEntry("attempts", "2")
        .containsEntry("last_error", "boom").containsEntry("envelope", "env-2");
  }

  @Test
  void a_stale_delivery_cannot_complete_the_task() {
    Claim stale = aClaimedTask("t1");
    queue.reclaimExpired(0, 10).await();
    String owner = state.hash("t1").get("entry");

    assertThat(queue.complete(stale, NOW, DAY).await()).isFalse();

    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("entry", owner)
        .doesNotContainKey("finished_at");
    assertThat(state.pttl("t1")).isEqualTo(-1);
    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(owner);
  }
}
