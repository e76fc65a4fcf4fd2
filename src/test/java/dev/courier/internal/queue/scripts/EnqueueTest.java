package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.internal.queue.NewTask;
import dev.courier.task.TaskState;
import io.vertx.redis.client.RedisConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnqueueTest extends QueueScriptTestBase {

  @Test
  void a_due_task_goes_to_the_ready_stream() {
    assertThat(queue.enqueue(aTask("t1"), NOW).await()).isTrue();

    List<RedisState.Entry> stream = state.stream();
    assertThat(stream).hasSize(1);
    assertThat(stream.get(0).taskId()).isEqualTo("t1");
    assertThat(state.hash("t1")).containsOnly(
        entry("envelope", "env-t1"), entry("task", "sendWelcome"), entry("subject", "user-1"),
        entry("state", "queued"), entry("attempts", "0"), entry("max_attempts", "3"),
        entry("enqueued_at", Long.toString(NOW)), entry("due_at", Long.toString(NOW)),
        entry("entry", stream.get(0).entryId()));
    assertThat(state.pending()).isEmpty();
    assertThat(state.delayed()).isEmpty();
    assertThat(state.dead()).isEmpty();
    assertThat(state.pttl("t1")).isEqualTo(-1);
    assertAllowed(null, TaskState.QUEUED);
  }

  @Test
  void a_future_task_goes_to_delayed_and_wakes_subscribers() throws Exception {
    List<Long> woken = new CopyOnWriteArrayList<>();
    RedisConnection sub = queue.subscribeWake(redis, woken::add).await();
    try {
      assertThat(queue.enqueue(aDelayedTask("t1", NOW + 5_000), NOW).await()).isTrue();

      assertThat(state.stream()).isEmpty();
      assertThat(state.delayed()).containsExactly(entry("t1", NOW + 5_000));
      assertThat(state.hash("t1")).containsEntry("state", "delayed")
          .containsEntry("due_at", Long.toString(NOW + 5_000)).doesNotContainKey("entry");
      long deadline = System.currentTimeMillis() + 2_000;
      while (woken.isEmpty() && System.currentTimeMillis() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      assertThat(woken).containsExactly(NOW + 5_000);
      assertAllowed(null, TaskState.DELAYED);
    } finally {
      sub.close().await();
    }
  }

  @Test
  void a_task_without_subject_stores_no_subject_field() {
    queue.enqueue(new NewTask("t1", "sendWelcome", null, "env", NOW, NOW, 1), NOW).await();

    assertThat(state.hash("t1")).doesNotContainKey("subject");
    assertThat(queue.status("t1").await().subject()).isNull();
  }
}
