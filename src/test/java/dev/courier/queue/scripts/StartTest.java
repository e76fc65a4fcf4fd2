package dev.courier.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.queue.Claim;
import dev.courier.queue.Started;
import dev.courier.queue.TaskState;
import org.junit.jupiter.api.Test;

class StartTest extends QueueScriptTestBase {

  @Test
  void start_marks_the_task_running_and_counts_the_attempt() {
    Claim c = aClaimedTask("t1");

    Started s = queue.start(c, NOW + 10).await();

    assertThat(s).isEqualTo(new Started("t1", c.entryId(), "env-t1", 1, 3));
    assertThat(state.hash("t1")).containsEntry("state", "running").containsEntry("attempts", "1")
        .containsEntry("started_at", Long.toString(NOW + 10)).containsEntry("entry", c.entryId())
        .doesNotContainKeys("finished_at", "last_error");
    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(c.entryId());
    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(c.entryId());
    assertThat(state.dead()).isEmpty();
    assertAllowed(TaskState.QUEUED, TaskState.RUNNING);
  }

  @Test
  void an_unknown_task_id_is_buried_not_dropped() {
    Claim c = aClaimedTask("t1");
    state.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(keys.task("t1")));

    assertThat(queue.start(c, NOW + 10, DAY).await()).isNull();

    assertThat(state.hash("t1")).containsEntry("state", "dead")
        .containsEntry("last_error", "unknown task id t1").containsEntry("finished_at", Long.toString(NOW + 10))
        .containsEntry("buried_entry", c.entryId()).doesNotContainKeys("entry", "envelope");
    assertThat(state.dead()).containsExactly(org.assertj.core.api.Assertions.entry("t1", NOW + 10));
    assertThat(state.pttl("t1")).isBetween(DAY - 5_000, DAY);
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
    assertAllowed(null, TaskState.DEAD);
  }

  @Test
  void a_stale_delivery_is_acknowledged_and_dropped_without_touching_the_task() {
    Claim stale = aClaimedTask("t1");
    queue.reclaimExpired(0, 10).await(); // task now owned by a fresh entry
    String owner = state.hash("t1").get("entry");

    assertThat(queue.start(stale, NOW).await()).isNull();

    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("attempts", "0")
        .containsEntry("entry", owner);
    assertThat(state.stream()).extracting(RedisState.Entry::entryId).containsExactly(owner);
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void a_delivery_of_a_finished_task_is_dropped() {
    Claim c = aRunningTask("t1");
    queue.complete(c, NOW, DAY).await();
    state.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HSET).arg(keys.task("t1"))
        .arg("entry").arg(c.entryId())); // even if it still named this entry

    assertThat(queue.start(c, NOW).await()).isNull();

    assertThat(state.hash("t1")).containsEntry("state", "succeeded").containsEntry("attempts", "1");
  }
}
