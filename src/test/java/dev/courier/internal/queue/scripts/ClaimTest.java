package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.Started;
import dev.courier.task.TaskState;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimTest extends QueueScriptTestBase {

  @Test
  void claim_reads_and_starts_new_deliveries_in_one_step() {
    queue.enqueue(aTask("t1"), NOW).await();
    queue.enqueue(aTask("t2"), NOW).await();
    String e1 = state.hash("t1").get("entry");
    String e2 = state.hash("t2").get("entry");

    Claimed claimed = queue.claim("worker-1", 10, NOW + 7, DAY).await();

    assertThat(claimed.runs()).containsExactly(new Started("t1", e1, "env-t1", 1, "sendWelcome", "user-1", 3),
        new Started("t2", e2, "env-t2", 1, "sendWelcome", "user-1", 3));
    assertThat(claimed.mayHaveMore()).isFalse();
    assertThat(claimed.waitFrom()).as("the group's last delivered entry").isEqualTo(e2);
    assertThat(state.hash("t1")).containsEntry("state", "running").containsEntry("attempts", "1")
        .containsEntry("started_at", Long.toString(NOW + 7)).containsEntry("entry", e1);
    assertThat(state.pending()).extracting(RedisState.Pending::entryId, RedisState.Pending::consumer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(e1, "worker-1"),
            org.assertj.core.groups.Tuple.tuple(e2, "worker-1"));
    assertThat(state.stream()).hasSize(2); // delivered entries stay until acknowledged
    assertAllowed(TaskState.QUEUED, TaskState.RUNNING);
  }

  @Test
  void a_claim_completes_the_finished_deliveries_it_carries_before_it_reads() {
    Claim done = aRunningTask("done");
    Claim stale = aRunningTask("stale");
    queue.reclaimExpired(0, 10).await(); // both re-queued as fresh entries: their first deliveries are stale now
    state.send(Request.cmd(Command.HSET).arg(keys.task("done")).arg("entry").arg(done.entryId()).arg("state")
        .arg("running")); // ... except "done", which its first delivery still owns
    queue.enqueue(aTask("next"), NOW).await();

    Claimed claimed = queue.claim("worker-1", 10, NOW + 5, DAY, List.of(Completion.of(done), Completion.of(stale)), DAY)
        .await();

    assertThat(claimed.completed()).containsExactly(true, false);
    assertThat(state.hash("done")).containsEntry("state", "succeeded")
        .containsEntry("finished_at", Long.toString(NOW + 5));
    assertThat(state.pttl("done")).isBetween(DAY - 5_000, DAY);
    assertThat(state.hash("stale")).doesNotContainKey("finished_at");
    // completed first, so the fresh entry the reclaim made for "done" is stale by the time it is read: dropped
    assertThat(claimed.runs()).extracting(Started::taskId).containsExactlyInAnyOrder("stale", "next");
    assertThat(state.pending()).extracting(RedisState.Pending::entryId).doesNotContain(done.entryId(),
        stale.entryId());
  }

  @Test
  void results_ride_with_a_claim_too() {
    Claim done = aRunningTask("done");
    queue.enqueue(aTask("next"), NOW).await();

    Claimed claimed = queue.claim("worker-1", 10, NOW + 5, DAY, List.of(Completion.withResult(done, "[1,2]")), DAY)
        .await();

    assertThat(claimed.completed()).containsExactly(true);
    assertThat(state.hash("done")).containsEntry("state", "succeeded").containsEntry("result", "[1,2]");
    assertThat(claimed.runs()).extracting(Started::taskId).containsExactly("next");
  }

  @Test
  void a_full_claim_says_more_may_be_waiting() {
    for (String id : new String[] {"a", "b", "c"}) {
      queue.enqueue(aTask(id), NOW).await();
    }

    Claimed first = queue.claim("worker-1", 2, NOW, DAY).await();
    Claimed second = queue.claim("worker-1", 2, NOW, DAY).await();

    assertThat(first.runs()).extracting(Started::taskId).containsExactly("a", "b");
    assertThat(first.mayHaveMore()).isTrue();
    assertThat(second.runs()).extracting(Started::taskId).containsExactly("c");
    assertThat(second.waitFrom()).isEqualTo(state.hash("c").get("entry"));
  }

  @Test
  void the_cursor_of_an_empty_claim_wakes_a_wait_on_the_next_arrival_only() {
    Claimed empty = queue.claim("worker-1", 10, NOW, DAY).await();
    assertThat(empty.runs()).isEmpty();
    RedisConnection conn = redis.connect().await();
    try {
      assertThat(queue.awaitNew(conn, empty.waitFrom(), 50).await()).as("nothing arrived").isFalse();
      queue.enqueue(aTask("t1"), NOW).await(); // arrives after the claim, before the wait: not missed

      assertThat(queue.awaitNew(conn, empty.waitFrom(), 5_000).await()).isTrue();
      assertThat(state.pending()).as("waiting claims nothing").isEmpty();
    } finally {
      conn.close().await();
    }
    assertThat(claimAll("worker-1")).extracting(Started::taskId).containsExactly("t1");
  }

  @Test
  void an_entry_is_claimed_by_one_consumer_only() {
    queue.enqueue(aTask("t1"), NOW).await();

    assertThat(claimAll("worker-1")).hasSize(1);
    assertThat(claimAll("worker-2")).isEmpty();
  }

  @Test
  void an_unknown_task_id_is_buried_not_dropped() {
    String entry = state.send(Request.cmd(Command.XADD).arg(keys.ready()).arg("*").arg("id").arg("t9")).toString();

    assertThat(claimAll("worker-1")).isEmpty();

    assertThat(state.hash("t9")).containsEntry("state", "dead").containsEntry("last_error", "unknown task id t9")
        .containsEntry("finished_at", Long.toString(NOW)).containsEntry("buried_entry", entry)
        .doesNotContainKeys("entry", "envelope");
    assertThat(state.dead()).containsExactly(org.assertj.core.api.Assertions.entry("t9", NOW));
    assertThat(state.pttl("t9")).isBetween(DAY - 5_000, DAY);
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
    assertAllowed(null, TaskState.DEAD);
  }

  @Test
  void a_stale_delivery_is_acknowledged_and_dropped_without_touching_the_task() {
    queue.enqueue(aTask("t1"), NOW).await();
    String owner = state.hash("t1").get("entry");
    String stale = state.send(Request.cmd(Command.XADD).arg(keys.ready()).arg("*").arg("id").arg("t1")).toString();

    assertThat(claimAll("worker-1")).extracting(Started::entryId).containsExactly(owner);

    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(owner).doesNotContain(stale);
    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(owner);
    assertThat(state.hash("t1")).containsEntry("attempts", "1");
  }

  @Test
  void a_delivery_of_a_finished_task_is_dropped() { // (one without an id is buried: PoisonClaimTest)
    queue.enqueue(aTask("t1"), NOW).await();
    state.send(Request.cmd(Command.HSET).arg(keys.task("t1")).arg("state").arg("succeeded"));

    assertThat(claimAll("worker-1")).isEmpty();

    assertThat(state.hash("t1")).containsEntry("state", "succeeded").containsEntry("attempts", "0");
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void claim_recreates_a_vanished_group_and_then_delivers() {
    state.send(Request.cmd(Command.DEL).arg(keys.ready())); // as after a Redis restart without persistence

    Claimed afterLoss = queue.claim("worker-1", 10, NOW, DAY).await();
    assertThat(afterLoss.runs()).isEmpty();
    assertThat(afterLoss.mayHaveMore()).as("claim again at once").isTrue();
    queue.enqueue(aTask("t1"), NOW).await();

    assertThat(claimAll("worker-1")).extracting(Started::taskId).containsExactly("t1");
  }

  @Test
  void completions_written_before_the_claim_finds_no_group_are_reported_written() {
    Claim a = aRunningTask("a");
    Claim b = aRunningTask("b");
    state.send(Request.cmd(Command.XGROUP).arg("DESTROY").arg(keys.ready()).arg(keys.group())); // lost, e.g. FLUSHALL

    Claimed claimed = queue.claim("worker-1", 10, NOW + 5, DAY, List.of(Completion.of(a), Completion.of(b)), DAY)
        .await();

    assertThat(claimed.completed()).containsExactly(true, true);
    assertThat(claimed.runs()).isEmpty();
    assertThat(state.hash("a")).containsEntry("state", "succeeded").containsEntry("finished_at", Long.toString(NOW + 5));
    assertThat(state.hash("b")).containsEntry("state", "succeeded");
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).as("the group was made again").isEmpty();
  }
}
