package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.task.TaskState;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromoteDueTest extends QueueScriptTestBase {

  @Test
  void only_due_tasks_move_to_ready_and_the_next_due_time_is_returned() {
    queue.enqueue(aDelayedTask("past", NOW + 10), NOW).await();
    queue.enqueue(aDelayedTask("now", NOW + 20), NOW).await();
    queue.enqueue(aDelayedTask("later", NOW + 1_000), NOW).await();

    assertThat(queue.promoteDue(NOW + 20, 10).await()).isEqualTo(NOW + 1_000);

    assertThat(state.delayed()).containsExactly(entry("later", NOW + 1_000));
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("past", "now");
    assertThat(state.hash("past")).containsEntry("state", "queued")
        .containsEntry("entry", state.stream().get(0).entryId());
    assertThat(state.hash("now")).containsEntry("state", "queued")
        .containsEntry("entry", state.stream().get(1).entryId());
    assertThat(state.hash("later")).containsEntry("state", "delayed").doesNotContainKey("entry");
    assertThat(state.pending()).isEmpty();
    assertAllowed(TaskState.DELAYED, TaskState.QUEUED);
    assertAllowed(TaskState.RETRYING, TaskState.QUEUED);
  }

  @Test
  void retries_fall_due_from_their_own_set_and_count_toward_the_next_due_time() {
    queue.enqueue(aDelayedTask("fire", NOW + 50), NOW).await();
    queue.retry(aRunningTask("again"), "env-again-2", NOW + 10, "boom", NOW).await();
    queue.retry(aRunningTask("later"), "env-later-2", NOW + 30, "boom", NOW).await();
    assertThat(queue.nextDue().await()).isEqualTo(NOW + 10);

    assertThat(queue.promoteDue(NOW + 10, 10).await()).isEqualTo(NOW + 30);

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("again");
    assertThat(state.hash("again")).containsEntry("state", "queued").containsEntry("envelope", "env-again-2");
    assertThat(state.retrying()).containsOnlyKeys("later");
    assertThat(state.delayed()).containsOnlyKeys("fire");
    assertThat(queue.promoteDue(NOW + 50, 10).await()).isEqualTo(-1L);
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("again", "fire", "later");
  }

  @Test
  void promoters_of_many_nodes_at_once_move_each_due_task_once() {
    queue.retry(aRunningTask("r"), "env-r-2", NOW + 1, "boom", NOW).await();
    for (int i = 0; i < 200; i++) {
      queue.enqueue(aDelayedTask("t" + i, NOW + 1 + i), NOW).await();
    }
    List<Future<Long>> calls = new ArrayList<>();
    for (int node = 0; node < 8; node++) { // every node promotes now: API nodes too (QueueDuties)
      calls.add(queue.promoteDue(NOW + 1_000, 40));
    }
    Future.all(calls).await();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).hasSize(201).doesNotHaveDuplicates();
    assertThat(state.delayed()).isEmpty();
    assertThat(state.retrying()).isEmpty();
  }

  @Test
  void the_limit_counts_both_sets_together() {
    queue.enqueue(aDelayedTask("a", NOW + 1), NOW).await();
    queue.enqueue(aDelayedTask("b", NOW + 2), NOW).await();
    queue.retry(aRunningTask("r"), "env-r-2", NOW + 1, "boom", NOW).await();

    assertThat(queue.promoteDue(NOW + 10, 2).await()).isEqualTo(NOW + 1);

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("a", "b");
    assertThat(state.retrying()).containsOnlyKeys("r");
  }

  @Test
  void at_most_limit_tasks_move_per_call() {
    queue.enqueue(aDelayedTask("a", NOW + 1), NOW).await();
    queue.enqueue(aDelayedTask("b", NOW + 2), NOW).await();
    queue.enqueue(aDelayedTask("c", NOW + 3), NOW).await();

    assertThat(queue.promoteDue(NOW + 10, 2).await()).isEqualTo(NOW + 3);

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("a", "b");
    assertThat(state.delayed()).containsOnlyKeys("c");
  }

  @Test
  void an_empty_delayed_set_gives_minus_one() {
    assertThat(queue.promoteDue(NOW, 10).await()).isEqualTo(-1L);
    assertThat(queue.nextDue().await()).isEqualTo(-1L);
    assertThat(state.stream()).isEmpty();
  }

  @Test
  void the_last_due_task_leaves_minus_one_and_next_due_follows_the_set() {
    queue.enqueue(aDelayedTask("a", NOW + 5), NOW).await();
    assertThat(queue.nextDue().await()).isEqualTo(NOW + 5);

    assertThat(queue.promoteDue(NOW + 5, 10).await()).isEqualTo(-1L);
    assertThat(queue.nextDue().await()).isEqualTo(-1L);
  }

  @Test
  void a_task_whose_hash_vanished_is_still_queued_so_start_can_bury_it() {
    queue.enqueue(aDelayedTask("gone", NOW + 5), NOW).await();
    state.send(Request.cmd(Command.DEL).arg(keys.task("gone")));

    queue.promoteDue(NOW + 5, 10).await();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("gone");
    assertThat(state.hash("gone")).isEmpty();
    assertThat(state.delayed()).isEmpty();
  }
}
