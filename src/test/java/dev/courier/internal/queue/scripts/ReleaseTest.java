package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Started;
import dev.courier.task.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTest extends QueueScriptTestBase {

  @Test
  void release_puts_an_unstarted_claim_back_as_a_fresh_entry_with_its_attempt_uncounted() {
    Claim c = aRunningTask("t1");

    assertThat(queue.release(List.of(c)).await()).isEqualTo(1);

    List<RedisState.Entry> stream = state.stream();
    assertThat(stream).extracting(RedisState.Entry::taskId).containsExactly("t1");
    assertThat(stream.get(0).entryId()).isNotEqualTo(c.entryId());
    assertThat(state.pending()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("attempts", "0")
        .containsEntry("entry", stream.get(0).entryId()).doesNotContainKey("started_at");
    assertAllowed(TaskState.RUNNING, TaskState.QUEUED);
    assertThat(claimAll("worker-2")).extracting(Started::attempt).containsExactly(1);
  }

  @Test
  void a_stale_claim_is_only_acknowledged() {
    Claim stale = aRunningTask("t1");
    queue.reclaimExpired(0, 10).await();
    String owner = state.hash("t1").get("entry");

    assertThat(queue.release(List.of(stale)).await()).isZero();

    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(owner);
    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("attempts", "1");
  }
}
