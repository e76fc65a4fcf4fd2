package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.tuple;

import dev.courier.internal.queue.Buried;
import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.Started;
import dev.courier.task.TaskState;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
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

  @Test
  void a_key_that_is_not_a_hash_is_handed_back_for_claim_to_bury_and_spoils_not_the_rest_of_the_call() {
    Claim broken = aRunningTask("broken");
    Claim fine = aRunningTask("fine");
    state.send(Request.cmd(Command.DEL).arg(keys.task("broken")));
    state.send(Request.cmd(Command.SET).arg(keys.task("broken")).arg("garbage"));

    assertThat(queue.release(List.of(broken, fine)).await()).as("only the healthy one counts").isEqualTo(1);

    assertThat(state.pending()).isEmpty();
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("broken", "fine");
    assertThat(state.hash("fine")).containsEntry("state", "queued").containsEntry("attempts", "0");
    Claimed claimed = queue.claim("worker-2", 10, NOW, DAY).await();
    assertThat(claimed.runs()).extracting(Started::taskId).containsExactly("fine");
    assertThat(claimed.buried()).extracting(Buried::taskId, Buried::code).containsExactly(tuple("broken", "damaged"));
    assertThat(state.hash("broken")).containsEntry("state", "dead")
        .containsEntry("last_error", "damaged task record: the key held a string, not a hash");
    assertThat(state.dead()).containsOnlyKeys("broken");
  }

  @Test
  void a_running_task_that_lost_its_entry_field_is_handed_back_for_claim_to_bury() {
    Claim c = aRunningTask("t1");
    state.send(Request.cmd(Command.HDEL).arg(keys.task("t1")).arg("entry"));

    assertThat(queue.release(List.of(c)).await()).isZero();

    assertThat(state.pending()).isEmpty();
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t1");
    assertThat(state.hash("t1")).as("left as it is").containsEntry("state", "running").doesNotContainKey("entry");
    Claimed claimed = queue.claim("worker-2", 10, NOW, DAY).await();
    assertThat(claimed.runs()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("state", "dead")
        .containsEntry("last_error", "damaged task hash: no entry (state running)");
    assertThat(state.dead()).containsOnlyKeys("t1");
  }
}
