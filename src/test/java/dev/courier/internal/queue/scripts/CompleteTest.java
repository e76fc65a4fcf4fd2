package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompleteTest extends QueueScriptTestBase {

  @Test
  void complete_acknowledges_and_marks_succeeded_with_a_ttl() {
    Claim c = aRunningTask("t1");

    assertThat(queue.complete(List.of(c), NOW + 50, DAY).await()).containsExactly(true);

    assertThat(state.hash("t1")).containsEntry("state", "succeeded")
        .containsEntry("finished_at", Long.toString(NOW + 50)).containsEntry("attempts", "1")
        .containsEntry("envelope", "env-t1").containsEntry("entry", c.entryId());
    assertThat(state.pttl("t1")).isBetween(DAY - 5_000, DAY);
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
    assertThat(state.delayed()).isEmpty();
    assertThat(state.dead()).isEmpty();
    assertAllowed(TaskState.RUNNING, TaskState.SUCCEEDED);
  }

  @Test
  void one_call_completes_a_batch_and_says_which_were_its_own() {
    aRunningTask("a");
    Claim staleB = aRunningTask("b");
    queue.reclaimExpired(0, 10).await(); // both re-queued as fresh entries: the first deliveries are stale
    List<Claim> fresh = claimAll("worker-1").stream().map(dev.courier.internal.queue.Started::claim).toList();
    Claim freshA = fresh.stream().filter(c -> c.taskId().equals("a")).findFirst().orElseThrow();
    Claim freshB = fresh.stream().filter(c -> c.taskId().equals("b")).findFirst().orElseThrow();

    assertThat(queue.complete(List.of(freshA, staleB), NOW + 5, DAY).await()).containsExactly(true, false);

    assertThat(state.hash("a")).containsEntry("state", "succeeded");
    assertThat(state.hash("b")).containsEntry("state", "running").doesNotContainKey("finished_at");
    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(freshB.entryId());
  }

  @Test
  void complete_after_a_retry_keeps_the_last_error() {
    Claim first = aRunningTask("t1");
    queue.retry(first, "env-2", NOW + 10, "boom", NOW).await();
    queue.promoteDue(NOW + 10, 10).await();
    Claim second = claimAll("worker-1").get(0).claim();

    assertThat(queue.complete(List.of(second), NOW + 20, DAY).await()).containsExactly(true);

    assertThat(state.hash("t1")).containsEntry("state", "succeeded").containsEntry("attempts", "2")
        .containsEntry("last_error", "boom").containsEntry("envelope", "env-2");
  }

  @Test
  void a_stale_delivery_cannot_complete_the_task() {
    Claim stale = aRunningTask("t1");
    queue.reclaimExpired(0, 10).await();
    String owner = state.hash("t1").get("entry");

    assertThat(queue.complete(List.of(stale), NOW, DAY).await()).containsExactly(false);

    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("entry", owner)
        .doesNotContainKey("finished_at");
    assertThat(state.pttl("t1")).isEqualTo(-1);
    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(owner);
  }
}
