package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.task.TaskState;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EnqueueManyTest extends QueueScriptTestBase {

  static NewTask aTaskWithoutSubject(String id) {
    return new NewTask(id, "sendWelcome", null, "env-" + id, NOW, NOW, 3);
  }

  @Test
  void a_batch_stores_each_task_exactly_as_enqueue_does() {
    List<NewTask> tasks = List.of(aTask("t1"), aTaskWithoutSubject("t2"), aDelayedTask("t3", NOW + 5_000));
    QueueKeys singleKeys = new QueueKeys(RedisFixture.uniquePrefix(), "emails");
    RedisQueue single = RedisQueue.open(redis, singleKeys).await();
    RedisState singleState = new RedisState(redis, singleKeys);
    tasks.forEach(t -> single.enqueue(t, NOW).await());

    queue.enqueueMany(tasks).await();

    List<RedisState.Entry> stream = state.stream();
    assertThat(stream).extracting(RedisState.Entry::taskId).containsExactly("t1", "t2");
    assertThat(state.delayed()).containsExactly(entry("t3", NOW + 5_000));
    for (NewTask t : tasks) {
      Map<String, String> batched = state.hash(t.id());
      Map<String, String> alone = singleState.hash(t.id());
      assertThat(batched.keySet()).as(t.id()).isEqualTo(alone.keySet());
      batched.forEach((field, value) -> {
        if (!field.equals("entry")) {
          assertThat(value).as(t.id() + " " + field).isEqualTo(alone.get(field));
        }
      });
    }
    assertThat(state.hash("t1")).containsEntry("state", "queued").containsEntry("entry", stream.get(0).entryId());
    assertThat(state.hash("t2")).containsEntry("state", "queued").containsEntry("entry", stream.get(1).entryId())
        .doesNotContainKey("subject");
    assertThat(state.hash("t3")).containsEntry("state", "delayed").doesNotContainKey("entry");
    assertThat(state.pending()).isEmpty();
    assertThat(state.dead()).isEmpty();
    assertAllowed(null, TaskState.QUEUED);
    assertAllowed(null, TaskState.DELAYED);
  }

  @Test
  void delayed_tasks_of_a_batch_go_to_delayed_with_one_wake_for_the_earliest() throws Exception {
    List<Long> woken = new CopyOnWriteArrayList<>();
    RedisConnection sub = queue.subscribeWake(redis, woken::add).await();
    try {
      queue.enqueueMany(List.of(aDelayedTask("t1", NOW + 9_000), aTask("t2"), aDelayedTask("t3", NOW + 4_000)))
          .await();

      assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t2");
      assertThat(state.delayed()).containsExactly(entry("t3", NOW + 4_000), entry("t1", NOW + 9_000));
      assertThat(state.hash("t1")).containsEntry("state", "delayed").containsEntry("due_at", Long.toString(NOW + 9_000));
      assertThat(state.hash("t3")).containsEntry("state", "delayed").containsEntry("due_at", Long.toString(NOW + 4_000));
      long deadline = System.currentTimeMillis() + 2_000;
      while (woken.isEmpty() && System.currentTimeMillis() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      TimeUnit.MILLISECONDS.sleep(100); // a second wake would have arrived by now
      assertThat(woken).containsExactly(NOW + 4_000);
    } finally {
      sub.close().await();
    }
  }

  @Test
  void a_task_is_due_when_its_due_time_is_not_after_its_enqueued_time() {
    NewTask firedLate = new NewTask("t1", "sendWelcome", null, "env", NOW + 10, NOW + 10, 1);
    NewTask oneMsLater = new NewTask("t2", "sendWelcome", null, "env", NOW, NOW + 1, 1);

    queue.enqueueMany(List.of(firedLate, oneMsLater)).await();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t1");
    assertThat(state.delayed()).containsExactly(entry("t2", NOW + 1));
  }

  @Test
  void one_script_call_takes_at_most_a_thousand_tasks() {
    List<NewTask> tooMany = IntStream.range(0, 1001).mapToObj(i -> aTask("t" + i)).collect(Collectors.toList());

    assertThatThrownBy(() -> queue.enqueueMany(tooMany)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1000");
    assertThat(state.stream()).isEmpty();
  }

  @Test
  void enqueue_all_splits_a_long_list_and_coalesces_concurrent_calls_and_every_task_lands() {
    List<NewTask> big = IntStream.range(0, 2_500).mapToObj(i -> aTask("big-" + i)).collect(Collectors.toList());
    List<Future<?>> calls = new ArrayList<>();
    calls.add(queue.enqueueAll(big));
    for (int i = 0; i < 200; i++) {
      calls.add(queue.enqueueAll(List.of(aTask("one-" + i))));
    }
    calls.add(queue.enqueueAll(List.of()));

    Future.all(calls).await();

    List<RedisState.Entry> stream = state.stream();
    assertThat(stream).hasSize(2_700);
    assertThat(stream).extracting(RedisState.Entry::taskId).doesNotHaveDuplicates();
    assertThat(state.hash("big-2499")).containsEntry("state", "queued");
    assertThat(state.hash("one-199")).containsEntry("state", "queued");
  }
}
