package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.task.TaskState;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Due times are judged by Redis's clock ({@code TIME}), as lease expiry is, so nodes whose clocks disagree promote
 * the same tasks; the caller's clock only expresses the answer. Due times here are set around Redis's own time
 * ({@link #redisNow}), with margins far larger than a test takes.
 */
class PromoteDueTest extends QueueScriptTestBase {

  private static final long HOUR = 3_600_000L;

  private long redisNow;

  @BeforeEach
  void readRedisClock() {
    redisNow = queue.redisTimeMs().await();
  }

  @Test
  void only_due_tasks_move_to_ready_and_the_next_due_time_is_returned() {
    queue.enqueue(aDelayedTask("past", redisNow - 20), NOW).await();
    queue.enqueue(aDelayedTask("now", redisNow - 10), NOW).await();
    queue.enqueue(aDelayedTask("later", redisNow + HOUR), NOW).await();

    long next = queue.promoteDue(redisNow, 10).await();

    assertThat(next).as("in the caller's clock, here Redis's own").isBetween(redisNow + HOUR - 5_000, redisNow + HOUR);
    assertThat(state.delayed()).containsExactly(entry("later", redisNow + HOUR));
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
  void a_node_clock_a_day_ahead_of_redis_promotes_nothing_early_and_learns_the_wait_in_its_own_clock() {
    queue.enqueue(aDelayedTask("due", redisNow - 1_000), NOW).await();
    queue.enqueue(aDelayedTask("inAnHour", redisNow + HOUR), NOW).await();
    long nodeNow = redisNow + DAY;

    long next = queue.promoteDue(nodeNow, 10).await();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("due");
    assertThat(state.delayed()).containsOnlyKeys("inAnHour");
    assertThat(state.hash("inAnHour")).containsEntry("state", "delayed");
    assertThat(next - nodeNow).as("the wait, whatever the node's clock says").isBetween(HOUR - 5_000, HOUR);
  }

  @Test
  void a_node_clock_a_day_behind_redis_still_promotes_what_redis_says_is_due() {
    queue.enqueue(aDelayedTask("due", redisNow - 1_000), NOW).await();
    queue.retry(aRunningTask("retry"), "env-retry-2", redisNow - 500, "boom", NOW).await();

    assertThat(queue.promoteDue(redisNow - DAY, 10).await()).isEqualTo(-1L);

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("due", "retry");
    assertThat(state.hash("due")).containsEntry("state", "queued");
    assertThat(state.hash("retry")).containsEntry("state", "queued");
    assertThat(state.delayed()).isEmpty();
    assertThat(state.retrying()).isEmpty();
  }

  @Test
  void retries_fall_due_from_their_own_set_and_count_toward_the_next_due_time() {
    queue.enqueue(aDelayedTask("fire", redisNow + 2 * HOUR), NOW).await();
    queue.retry(aRunningTask("again"), "env-again-2", redisNow - 10, "boom", NOW).await();
    queue.retry(aRunningTask("later"), "env-later-2", redisNow + HOUR, "boom", NOW).await();
    assertThat(queue.nextDue().await()).isEqualTo(redisNow - 10);

    assertThat(queue.promoteDue(redisNow, 10).await()).isBetween(redisNow + HOUR - 5_000, redisNow + HOUR);

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("again");
    assertThat(state.hash("again")).containsEntry("state", "queued").containsEntry("envelope", "env-again-2");
    assertThat(state.retrying()).containsOnlyKeys("later");
    assertThat(state.delayed()).containsOnlyKeys("fire");
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
    queue.enqueue(aDelayedTask("a", redisNow - 3), NOW).await();
    queue.enqueue(aDelayedTask("b", redisNow - 2), NOW).await();
    queue.retry(aRunningTask("r"), "env-r-2", redisNow - 3, "boom", NOW).await();

    long next = queue.promoteDue(redisNow, 2).await();

    assertThat(next).as("r is due already").isLessThanOrEqualTo(redisNow);
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("a", "b");
    assertThat(state.retrying()).containsOnlyKeys("r");
  }

  @Test
  void at_most_limit_tasks_move_per_call() {
    queue.enqueue(aDelayedTask("a", redisNow - 3), NOW).await();
    queue.enqueue(aDelayedTask("b", redisNow - 2), NOW).await();
    queue.enqueue(aDelayedTask("c", redisNow - 1), NOW).await();

    queue.promoteDue(redisNow, 2).await();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("a", "b");
    assertThat(state.delayed()).containsOnlyKeys("c");
  }

  @Test
  void an_empty_delayed_set_gives_minus_one() {
    assertThat(queue.promoteDue(redisNow, 10).await()).isEqualTo(-1L);
    assertThat(queue.nextDue().await()).isEqualTo(-1L);
    assertThat(state.stream()).isEmpty();
  }

  @Test
  void the_last_due_task_leaves_minus_one_and_next_due_follows_the_set() {
    queue.enqueue(aDelayedTask("a", redisNow - 5), NOW).await();
    assertThat(queue.nextDue().await()).isEqualTo(redisNow - 5);

    assertThat(queue.promoteDue(redisNow, 10).await()).isEqualTo(-1L);
    assertThat(queue.nextDue().await()).isEqualTo(-1L);
  }

  @Test
  void a_task_whose_hash_vanished_is_still_queued_so_start_can_bury_it() {
    queue.enqueue(aDelayedTask("gone", redisNow - 5), NOW).await();
    state.send(Request.cmd(Command.DEL).arg(keys.task("gone")));

    queue.promoteDue(redisNow, 10).await();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("gone");
    assertThat(state.hash("gone")).isEmpty();
    assertThat(state.delayed()).isEmpty();
  }

  @Test
  void a_task_key_that_is_not_a_hash_is_still_queued_for_claim_to_bury_and_spoils_not_the_rest() {
    queue.enqueue(aDelayedTask("broken", redisNow - 5), NOW).await();
    queue.enqueue(aDelayedTask("fine", redisNow - 4), NOW).await();
    state.send(Request.cmd(Command.DEL).arg(keys.task("broken")));
    state.send(Request.cmd(Command.SET).arg(keys.task("broken")).arg("garbage"));

    assertThat(queue.promoteDue(redisNow, 10).await()).isEqualTo(-1L);

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("broken", "fine");
    assertThat(state.hash("fine")).containsEntry("state", "queued");
    assertThat(state.delayed()).isEmpty();
    assertThat(claimAll("worker-1")).extracting(dev.courier.internal.queue.Started::taskId).containsExactly("fine");
    assertThat(state.dead()).containsOnlyKeys("broken");
  }
}
