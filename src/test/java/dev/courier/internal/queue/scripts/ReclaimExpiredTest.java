package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.task.TaskState;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReclaimExpiredTest extends QueueScriptTestBase {

  @Test
  void an_idle_entry_is_requeued_once_as_a_fresh_entry() throws InterruptedException {
    Claim c = aRunningTask("t1");
    Thread.sleep(80);

    assertThat(queue.reclaimExpired(50, 10).await()).isEqualTo(1);

    List<RedisState.Entry> stream = state.stream();
    assertThat(stream).hasSize(1);
    assertThat(stream.get(0).taskId()).isEqualTo("t1");
    assertThat(stream.get(0).entryId()).isNotEqualTo(c.entryId());
    assertThat(state.pending()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("entry", stream.get(0).entryId())
        .containsEntry("attempts", "1");
    assertAllowed(TaskState.RUNNING, TaskState.QUEUED);

    assertThat(queue.reclaimExpired(0, 10).await()).isZero(); // the fresh entry was never delivered
    assertThat(claimAll("worker-2")).extracting(dev.courier.internal.queue.Started::taskId).containsExactly("t1");
  }

  @Test
  void recoverers_of_many_nodes_at_once_requeue_each_expired_lease_once() throws InterruptedException {
    for (int i = 0; i < 60; i++) {
      aRunningTask("t" + i);
    }
    Thread.sleep(80);
    List<Future<Integer>> calls = new ArrayList<>();
    for (int node = 0; node < 6; node++) { // every node recovers now: API nodes too (QueueDuties)
      calls.add(queue.reclaimExpired(50, 100));
    }
    Future.all(calls).await();

    assertThat(calls.stream().mapToInt(Future::result).sum()).as("requeued in all").isEqualTo(60);
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).hasSize(60).doesNotHaveDuplicates();
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void a_step_that_reaches_redis_after_its_deadline_reclaims_nothing() throws InterruptedException {
    Claim c = aRunningTask("t1");
    Thread.sleep(80);
    long redisNow = queue.redisTimeMs().await();

    dev.courier.internal.queue.Reclaimed late = queue.reclaimExpired(50, 10, "0-0", redisNow - 1).await();
    assertThat(late.late()).isTrue();
    assertThat(late.requeued()).isZero();
    assertThat(late.cursor()).isEqualTo("0-0");
    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(c.entryId());

    dev.courier.internal.queue.Reclaimed inTime = queue.reclaimExpired(50, 10, "0-0", redisNow + 60_000).await();
    assertThat(inTime.late()).isFalse();
    assertThat(inTime.requeued()).isEqualTo(1);
    assertThat(inTime.redisMs()).isGreaterThanOrEqualTo(redisNow);
  }

  @Test
  void a_renewed_entry_is_not_reclaimed() throws InterruptedException {
    Claim renewed = aRunningTask("kept");
    Claim abandoned = aRunningTask("lost");
    Thread.sleep(700);
    queue.renew("worker-1", List.of(renewed.entryId())).await();

    assertThat(queue.reclaimExpired(600, 10).await()).isEqualTo(1);

    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(renewed.entryId());
    assertThat(state.hash("kept")).containsEntry("state", "running").containsEntry("entry", renewed.entryId());
    assertThat(state.hash("lost")).containsEntry("state", "queued");
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("kept", "lost");
    assertThat(state.stream().get(1).entryId()).isNotEqualTo(abandoned.entryId());
  }

  @Test
  void entries_younger_than_min_idle_stay_with_their_consumer() {
    Claim c = aRunningTask("t1");

    assertThat(queue.reclaimExpired(60_000, 10).await()).isZero();

    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(c.entryId());
    assertThat(state.hash("t1")).containsEntry("state", "running");
  }

  @Test
  void an_expired_entry_that_no_longer_owns_its_task_is_dropped_not_duplicated() {
    Claim stale = aRunningTask("t1");
    String owner = state.send(Request.cmd(Command.XADD).arg(keys.ready()).arg("*").arg("id").arg("t1")).toString();
    // a newer delivery owns t1 (as after a reclaim)
    state.send(Request.cmd(Command.HSET).arg(keys.task("t1")).arg("entry").arg(owner).arg("state").arg("queued"));

    assertThat(queue.reclaimExpired(0, 10).await()).isZero();

    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(owner);
    assertThat(state.stream().get(0).entryId()).isNotEqualTo(stale.entryId());
    assertThat(state.pending()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("entry", owner);
  }

  @Test
  void an_expired_entry_of_a_finished_task_is_dropped() {
    Claim c = aRunningTask("t1");
    state.send(Request.cmd(Command.HSET).arg(keys.task("t1")).arg("state").arg("succeeded"));

    assertThat(queue.reclaimExpired(0, 10).await()).isZero();

    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("entry", c.entryId()).containsEntry("state", "succeeded");
  }
}
