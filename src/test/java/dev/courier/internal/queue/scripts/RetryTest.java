package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.internal.queue.Claim;
import dev.courier.task.TaskState;
import io.vertx.redis.client.RedisConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RetryTest extends QueueScriptTestBase {

  @Test
  void retry_moves_the_task_to_retrying_with_the_new_envelope_and_wakes() throws InterruptedException {
    Claim c = aRunningTask("t1");
    List<Long> woken = new CopyOnWriteArrayList<>();
    RedisConnection sub = queue.subscribeWake(redis, woken::add).await();
    try {
      assertThat(queue.retry(c, "env-t1-attempt2", NOW + 30_000, "timeout", NOW).await()).isTrue();

      assertThat(state.hash("t1")).containsEntry("state", "retrying").containsEntry("envelope", "env-t1-attempt2")
          .containsEntry("last_error", "timeout").containsEntry("due_at", Long.toString(NOW + 30_000))
          .containsEntry("attempts", "1").doesNotContainKey("entry");
      assertThat(state.retrying()).containsExactly(entry("t1", NOW + 30_000));
      assertThat(state.delayed()).as("delayed fires only").isEmpty();
      assertThat(state.stream()).isEmpty();
      assertThat(state.pending()).isEmpty();
      for (int i = 0; i < 200 && woken.isEmpty(); i++) {
        Thread.sleep(10);
      }
      assertThat(woken).containsExactly(NOW + 30_000);
      assertAllowed(TaskState.RUNNING, TaskState.RETRYING);
    } finally {
      sub.close().await();
    }
  }

  @Test
  void a_due_time_in_the_past_is_raised_to_now() {
    Claim c = aRunningTask("t1");

    queue.retry(c, "env-2", NOW - 5_000, "boom", NOW).await();

    assertThat(state.retrying()).containsExactly(entry("t1", NOW));
    assertThat(state.hash("t1")).containsEntry("due_at", Long.toString(NOW));
  }

  @Test
  void a_stale_delivery_cannot_retry_the_task() {
    Claim stale = aRunningTask("t1");
    queue.reclaimExpired(0, 10).await();

    assertThat(queue.retry(stale, "env-2", NOW + 1_000, "boom", NOW).await()).isFalse();

    assertThat(state.retrying()).isEmpty();
    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("envelope", "env-t1")
        .doesNotContainKey("last_error");
  }
}
