package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.internal.queue.AllowedTransitions;
import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.queue.OperatorOutcome;
import dev.courier.internal.queue.QueueAdmin;
import dev.courier.internal.queue.QueueOverview;
import dev.courier.internal.queue.Started;
import dev.courier.task.TaskState;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API's moves, one script each: seed, run one move, assert the whole state. */
class OperatorMovesTest extends QueueScriptTestBase {

  QueueAdmin admin;

  @BeforeEach
  void admin() {
    admin = queue.admin();
  }

  /** A task that ran twice out of 3 and was buried: attempts 2, hash expiring, id in dead. */
  private void aDeadTask(String id) {
    Claim c = aRunningTask(id);
    state.send(Request.cmd(Command.HSET).arg(keys.task(id)).arg("attempts").arg(2));
    assertThat(queue.bury(c, "failed after 2 attempt(s): boom", NOW + 1, DAY).await()).isTrue();
  }

  @Test
  void retry_dead_queues_a_new_delivery_with_attempts_reset_and_records_who() {
    aDeadTask("t1");

    assertThat(admin.retryDead("t1", "ops-ada", NOW + 10).await()).isEqualTo(OperatorOutcome.DONE);

    assertThat(state.dead()).isEmpty();
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t1");
    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("attempts", "0")
        .containsEntry("max_attempts", "3").containsEntry("envelope", "env-t1")
        .containsEntry("entry", state.stream().get(0).entryId()).containsEntry("due_at", Long.toString(NOW + 10))
        .containsEntry("retried_by", "ops-ada").containsEntry("retried_at", Long.toString(NOW + 10))
        .containsEntry("retried_count", "1").containsEntry("last_error", "failed after 2 attempt(s): boom")
        .doesNotContainKeys("started_at", "finished_at");
    assertThat(state.pttl("t1")).as("kept until it ends again").isEqualTo(-1);
    assertThat(AllowedTransitions.byOperator(TaskState.DEAD)).containsExactly(TaskState.QUEUED);

    List<Started> runs = claimAll("worker-1");
    assertThat(runs).extracting(Started::attempt).as("the first attempt of its new life").containsExactly(1);
  }

  @Test
  void a_task_retried_twice_counts_both() {
    aDeadTask("t1");
    admin.retryDead("t1", "ops-ada", NOW + 10).await();
    queue.bury(claimAll("worker-1").get(0).claim(), "NoRetry: again", NOW + 20, DAY).await();

    assertThat(admin.retryDead("t1", "ops-bob", NOW + 30).await()).isEqualTo(OperatorOutcome.DONE);

    assertThat(state.hash("t1")).containsEntry("retried_by", "ops-bob").containsEntry("retried_count", "2")
        .containsEntry("attempts", "0");
  }

  @Test
  void only_dead_tasks_with_an_envelope_can_be_retried() {
    aRunningTask("running");
    assertThat(admin.retryDead("running", "ops", NOW).await()).isEqualTo(OperatorOutcome.NOT_DEAD);
    assertThat(admin.retryDead("nope", "ops", NOW).await()).isEqualTo(OperatorOutcome.NOT_FOUND);
    Claim stub = aRunningTask("stub");
    state.send(Request.cmd(Command.DEL).arg(keys.task("stub")));
    queue.bury(stub, "unknown task id stub", NOW, DAY).await();
    assertThat(admin.retryDead("stub", "ops", NOW).await()).isEqualTo(OperatorOutcome.NO_ENVELOPE);

    assertThat(state.hash("running")).containsEntry("state", "running");
    assertThat(state.dead()).containsOnlyKeys("stub");
    assertThat(state.pending()).hasSize(1);
  }

  @Test
  void delete_dead_removes_the_id_and_the_hash_and_nothing_else() {
    aDeadTask("t1");
    aDeadTask("t2");
    aRunningTask("t3");

    assertThat(admin.deleteDead("t1").await()).isEqualTo(OperatorOutcome.DONE);
    assertThat(admin.deleteDead("t3").await()).isEqualTo(OperatorOutcome.NOT_DEAD);
    assertThat(admin.deleteDead("t1").await()).isEqualTo(OperatorOutcome.NOT_FOUND);

    assertThat(state.hash("t1")).isEmpty();
    assertThat(state.dead()).containsOnlyKeys("t2");
    assertThat(state.hash("t3")).containsEntry("state", "running");
  }

  @Test
  void delete_dead_clears_an_id_whose_hash_expired() {
    state.send(Request.cmd(Command.ZADD).arg(keys.dead()).arg(NOW).arg("expired"));

    assertThat(admin.deleteDead("expired").await()).isEqualTo(OperatorOutcome.DONE);

    assertThat(state.dead()).isEmpty();
  }

  @Test
  void purge_deletes_every_task_buried_before_it_began_in_bounded_steps() {
    for (int i = 0; i < 1_203; i++) {
      state.send(Request.cmd(Command.ZADD).arg(keys.dead()).arg(NOW).arg("d" + i));
      state.send(Request.cmd(Command.HSET).arg(keys.task("d" + i)).arg("state").arg("dead"));
    }
    state.send(Request.cmd(Command.ZADD).arg(keys.dead()).arg(NOW + 100).arg("buried-later"));
    aRunningTask("alive");

    assertThat(admin.purgeDead(NOW + 50).await()).isEqualTo(1_203L);

    assertThat(state.dead()).containsOnlyKeys("buried-later");
    assertThat(state.hash("d0")).isEmpty();
    assertThat(state.hash("d1202")).isEmpty();
    assertThat(state.hash("alive")).containsEntry("state", "running");
  }

  @Test
  void a_paused_queue_completes_what_rides_with_a_claim_but_reads_nothing() {
    Claim done = aRunningTask("done");
    queue.enqueue(aTask("waiting"), NOW).await();

    assertThat(admin.pause("ops-ada", NOW + 1).await()).isTrue();
    assertThat(admin.pause("ops-bob", NOW + 2).await()).as("already paused").isFalse();
    Claimed claimed = queue.claim("worker-1", 10, NOW + 3, DAY, List.of(Completion.of(done)), DAY).await();

    assertThat(claimed.paused()).isTrue();
    assertThat(claimed.mayHaveMore()).isFalse();
    assertThat(claimed.runs()).isEmpty();
    assertThat(claimed.completed()).containsExactly(true);
    assertThat(state.hash("done")).containsEntry("state", "succeeded");
    assertThat(state.hash("waiting")).containsEntry("state", "queued");
    assertThat(state.pending()).isEmpty();
    QueueOverview overview = admin.overview().await();
    assertThat(overview.paused()).isTrue();
    assertThat(overview.pausedBy()).isEqualTo("ops-ada");
    assertThat(overview.pausedAt()).isEqualTo(Instant.ofEpochMilli(NOW + 1));

    assertThat(admin.resume().await()).isTrue();
    assertThat(admin.resume().await()).as("not paused any more").isFalse();
    assertThat(claimAll("worker-1")).extracting(Started::taskId).containsExactly("waiting");
    assertThat(admin.overview().await().paused()).isFalse();
  }

  @Test
  void a_paused_queue_still_takes_fires_and_promotes_due_tasks() {
    admin.pause("ops", NOW).await();

    queue.enqueue(aTask("now"), NOW).await();
    queue.enqueue(aDelayedTask("later", NOW + 5), NOW).await();
    queue.promoteDue(NOW + 5, 10).await();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("now", "later");
    assertThat(claimAll("worker-1")).isEmpty();
    assertThat(state.hash("now")).containsEntry("state", "queued");
  }

  @Test
  void the_overview_counts_each_state_and_no_pause() {
    aDeadTask("dead");
    aRunningTask("running");
    queue.retry(aRunningTask("failed"), "env-2", NOW + 100, "boom", NOW).await();
    queue.enqueue(aDelayedTask("later", NOW + 100), NOW).await();
    queue.enqueue(aTask("queued"), NOW).await();

    QueueOverview overview = admin.overview().await();

    assertThat(overview.queue()).isEqualTo("emails");
    assertThat(overview.counts()).isEqualTo(new dev.courier.internal.queue.QueueCounts(1, 1, 1, 1, 1));
    assertThat(overview.paused()).isFalse();
    assertThat(overview.pausedBy()).isNull();
    assertThat(state.retrying()).containsExactly(entry("failed", NOW + 100));
  }
}
