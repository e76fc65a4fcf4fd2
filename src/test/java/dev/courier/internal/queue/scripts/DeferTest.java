package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.internal.queue.Claim;
import dev.courier.task.TaskState;
import io.vertx.redis.client.RedisConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeferTest extends QueueScriptTestBase {

  @Test
  void defer_puts_the_task_back_in_delayed_unstarted_its_attempt_uncounted_and_wakes() throws InterruptedException {
    Claim c = aRunningTask("t1");
    List<Long> woken = new CopyOnWriteArrayList<>();
    RedisConnection sub = queue.subscribeWake(redis, woken::add).await();
    try {
      assertThat(queue.defer(c, NOW, 250, 5_000, 1.0, "signed with key id 0a1b2c3d").await()).isEqualTo(NOW + 250);

      assertThat(state.hash("t1")).containsEntry("state", "delayed").containsEntry("envelope", "env-t1")
          .containsEntry("attempts", "0").containsEntry("deferrals", "1")
          .containsEntry("last_error", "signed with key id 0a1b2c3d").containsEntry("due_at", Long.toString(NOW))
          .doesNotContainKeys("entry", "started_at");
      assertThat(state.delayed()).containsExactly(entry("t1", NOW + 250));
      assertThat(state.stream()).isEmpty();
      assertThat(state.pending()).isEmpty();
      assertThat(state.dead()).isEmpty();
      for (int i = 0; i < 200 && woken.isEmpty(); i++) {
        Thread.sleep(10);
      }
      assertThat(woken).containsExactly(NOW + 250);
      assertAllowed(TaskState.RUNNING, TaskState.DELAYED);
    } finally {
      sub.close().await();
    }
  }

  @Test
  void each_deferral_of_a_task_waits_twice_as_long_up_to_the_longest_wait_times_the_jitter() {
    queue.enqueue(aTask("t1"), NOW).await();
    long[] waits = new long[7];
    for (int i = 0; i < waits.length; i++) {
      queue.promoteDue(Long.MAX_VALUE / 2, 100).await();
      Claim c = claimAll("worker-1").get(0).claim();
      waits[i] = queue.defer(c, NOW, 250, 5_000, 1.0, "why").await() - NOW;
    }
    assertThat(waits).containsExactly(250, 500, 1_000, 2_000, 4_000, 5_000, 5_000);
    queue.promoteDue(Long.MAX_VALUE / 2, 100).await();
    Claim c = claimAll("worker-1").get(0).claim();
    assertThat(queue.defer(c, NOW, 250, 5_000, 0.5, "why").await()).isEqualTo(NOW + 2_500);
  }

  @Test
  void a_stale_delivery_cannot_defer_the_task() {
    Claim stale = aRunningTask("t1");
    queue.reclaimExpired(0, 10).await();

    assertThat(queue.defer(stale, NOW, 250, 5_000, 1.0, "why").await()).isZero();

    assertThat(state.delayed()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("state", "queued").doesNotContainKeys("last_error", "deferrals");
  }
}
