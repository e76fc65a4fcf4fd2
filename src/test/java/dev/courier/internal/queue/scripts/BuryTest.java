package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.internal.queue.Claim;
import dev.courier.task.TaskState;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.Test;

class BuryTest extends QueueScriptTestBase {

  @Test
  void bury_moves_a_running_task_to_dead_with_the_reason() {
    Claim c = aRunningTask("t1");

    assertThat(queue.bury(c, "bad signature", NOW + 5, DAY).await()).isTrue();

    assertThat(state.hash("t1")).containsEntry("state", "dead").containsEntry("last_error", "bad signature")
        .containsEntry("finished_at", Long.toString(NOW + 5)).containsEntry("envelope", "env-t1")
        .doesNotContainKey("entry");
    assertThat(state.dead()).containsExactly(entry("t1", NOW + 5));
    assertThat(state.pttl("t1")).isBetween(DAY - 5_000, DAY);
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
    assertAllowed(TaskState.RUNNING, TaskState.DEAD);
  }

  @Test
  void bury_trims_dead_ids_older_than_the_retention() {
    state.send(Request.cmd(Command.ZADD).arg(keys.dead()).arg(NOW - DAY - 1).arg("ancient"));
    state.send(Request.cmd(Command.ZADD).arg(keys.dead()).arg(NOW - DAY + 1).arg("recent"));
    Claim c = aRunningTask("t1");

    queue.bury(c, "boom", NOW, DAY).await();

    assertThat(state.dead()).containsOnlyKeys("recent", "t1");
  }

  @Test
  void bury_of_a_missing_hash_creates_a_dead_stub() {
    Claim c = aRunningTask("t1");
    state.send(Request.cmd(Command.DEL).arg(keys.task("t1")));

    assertThat(queue.bury(c, "gone", NOW, DAY).await()).isTrue();

    assertThat(state.hash("t1")).containsEntry("state", "dead").containsEntry("last_error", "gone")
        .containsEntry("buried_entry", c.entryId());
    assertThat(state.dead()).containsOnlyKeys("t1");
  }

  @Test
  void a_stale_delivery_cannot_bury_the_task() {
    Claim stale = aRunningTask("t1");
    queue.reclaimExpired(0, 10).await();

    assertThat(queue.bury(stale, "boom", NOW, DAY).await()).isFalse();

    assertThat(state.dead()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("state", "queued");
  }
}
