package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import dev.courier.task.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompleteTest extends QueueScriptTestBase {

  @Test
  void complete_acknowledges_and_marks_succeeded_with_a_ttl() {
    Claim c = aRunningTask("t1");

    assertThat(queue.complete(List.of(Completion.of(c)), NOW + 50, DAY).await()).containsExactly(true);

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
  void a_result_is_stored_with_the_status_and_expires_with_it() {
    Claim plain = aRunningTask("plain");
    Claim withResult = aRunningTask("r");
    Claim refused = aRunningTask("big");

    assertThat(queue.complete(List.of(Completion.of(plain), Completion.withResult(withResult, "{\"to\":\"bob\"}"),
        Completion.resultNotStored(refused, "result over tasks.maxResultBytes (16 bytes)")), NOW + 9, DAY).await())
        .containsExactly(true, true, true);

    assertThat(state.hash("plain")).containsEntry("state", "succeeded").doesNotContainKeys("result", "result_error");
    assertThat(state.hash("r")).containsEntry("state", "succeeded").containsEntry("finished_at", Long.toString(NOW + 9))
        .containsEntry("result", "{\"to\":\"bob\"}").doesNotContainKey("result_error");
    assertThat(state.hash("big")).containsEntry("state", "succeeded").doesNotContainKey("result")
        .containsEntry("result_error", "result over tasks.maxResultBytes (16 bytes)");
    for (String id : List.of("plain", "r", "big")) {
      assertThat(state.pttl(id)).as(id).isBetween(DAY - 5_000, DAY);
    }
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void a_stale_delivery_stores_no_result() {
    Claim stale = aRunningTask("t1");
    queue.reclaimExpired(0, 10).await();

    assertThat(queue.complete(List.of(Completion.withResult(stale, "1")), NOW, DAY).await()).containsExactly(false);

    assertThat(state.hash("t1")).containsEntry("state", "queued").doesNotContainKey("result");
  }

  @Test
  void one_call_completes_a_batch_and_says_which_were_its_own() {
    aRunningTask("a");
    Claim staleB = aRunningTask("b");
    queue.reclaimExpired(0, 10).await(); // both re-queued as fresh entries: the first deliveries are stale
    List<Claim> fresh = claimAll("worker-1").stream().map(dev.courier.internal.queue.Started::claim).toList();
    Claim freshA = fresh.stream().filter(c -> c.taskId().equals("a")).findFirst().orElseThrow();
    Claim freshB = fresh.stream().filter(c -> c.taskId().equals("b")).findFirst().orElseThrow();

    assertThat(queue.complete(List.of(Completion.of(freshA), Completion.of(staleB)), NOW + 5, DAY).await())
        .containsExactly(true, false);

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

    assertThat(queue.complete(List.of(Completion.of(second)), NOW + 20, DAY).await()).containsExactly(true);

    assertThat(state.hash("t1")).containsEntry("state", "succeeded").containsEntry("attempts", "2")
        .containsEntry("last_error", "boom").containsEntry("envelope", "env-2");
  }

  @Test
  void a_stale_delivery_cannot_complete_the_task() {
    Claim stale = aRunningTask("t1");
    queue.reclaimExpired(0, 10).await();
    String owner = state.hash("t1").get("entry");

    assertThat(queue.complete(List.of(Completion.of(stale)), NOW, DAY).await()).containsExactly(false);

    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("entry", owner)
        .doesNotContainKey("finished_at");
    assertThat(state.pttl("t1")).isEqualTo(-1);
    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(owner);
  }
}
