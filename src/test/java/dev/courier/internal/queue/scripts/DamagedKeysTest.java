package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Buried;
import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.OperatorOutcome;
import dev.courier.internal.queue.QueueAdmin;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every script that reads a task a delivery or an operator names meets a damaged task without failing midway: a key
 * that is not a hash, or a queued or running hash that lost its `entry`. The worker's moves hand such a task to claim
 * (a fresh entry), which buries it with the reason; none drops it with its delivery, leaving it answering a live state
 * for ever. The operator's moves answer instead of erroring.
 */
class DamagedKeysTest extends QueueScriptTestBase {

  @Test
  void retry_of_a_task_whose_key_is_not_a_hash_hands_it_to_claim_to_bury() {
    Claim c = aRunningTask("t1");
    notAHash("t1");

    assertThat(queue.retry(c, "env-2", NOW + 10, "boom", NOW).await()).isFalse();

    assertBuriedByNextClaim("t1", "damaged task record: the key held a string, not a hash");
    assertThat(state.retrying()).isEmpty();
  }

  @Test
  void defer_of_a_task_whose_key_is_not_a_hash_hands_it_to_claim_to_bury() {
    Claim c = aRunningTask("t1");
    notAHash("t1");

    assertThat(queue.defer(c, NOW, 1_000, 60_000, 1.0, "key k2 not held").await()).isZero();

    assertBuriedByNextClaim("t1", "damaged task record: the key held a string, not a hash");
    assertThat(state.delayed()).isEmpty();
  }

  @Test
  void retry_of_a_running_task_that_lost_its_entry_hands_it_to_claim_to_bury() {
    Claim c = aRunningTask("t1");
    lostEntry("t1");

    assertThat(queue.retry(c, "env-2", NOW + 10, "boom", NOW).await()).isFalse();

    assertBuriedByNextClaim("t1", "damaged task hash: no entry (state running)");
  }

  @Test
  void complete_of_a_running_task_that_lost_its_entry_hands_it_to_claim_to_bury() {
    Claim c = aRunningTask("t1");
    lostEntry("t1");

    assertThat(queue.complete(List.of(Completion.of(c)), NOW, DAY).await()).containsExactly(false);

    assertBuriedByNextClaim("t1", "damaged task hash: no entry (state running)");
  }

  @Test
  void complete_of_a_task_whose_key_is_not_a_hash_hands_it_to_claim_to_bury() {
    Claim c = aRunningTask("t1");
    notAHash("t1");

    assertThat(queue.complete(List.of(Completion.of(c)), NOW, DAY).await()).containsExactly(false);

    assertBuriedByNextClaim("t1", "damaged task record: the key held a string, not a hash");
  }

  @Test
  void bury_of_a_running_task_that_lost_its_entry_buries_it() {
    Claim c = aRunningTask("t1");
    lostEntry("t1");

    assertThat(queue.bury(c, "failed after 1 attempt(s): x", NOW, DAY).await()).isTrue();

    assertThat(state.hash("t1")).containsEntry("state", "dead").containsEntry("last_error",
        "failed after 1 attempt(s): x");
    assertThat(state.dead()).containsOnlyKeys("t1");
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void a_keyed_repeat_whose_first_task_key_is_not_a_hash_still_answers_the_first_task() {
    assertThat(queue.enqueue(keyed("first"), NOW).await()).isTrue();
    notAHash("first");

    assertThat(queue.enqueue(keyed("second"), NOW).await()).as("a repeat: nothing stored").isFalse();

    assertThat(state.hash("second")).isEmpty();
  }

  @Test
  void the_operators_moves_answer_for_a_dead_id_whose_key_is_not_a_hash() {
    QueueAdmin admin = queue.admin();
    for (String id : List.of("a", "b", "c")) {
      state.send(Request.cmd(Command.ZADD).arg(keys.dead()).arg(NOW).arg(id));
      state.send(Request.cmd(Command.SET).arg(keys.task(id)).arg("garbage"));
    }

    assertThat(admin.retryDead("a", "ops", NOW).await()).isEqualTo(OperatorOutcome.NO_ENVELOPE);
    assertThat(admin.deleteDead("a").await()).isEqualTo(OperatorOutcome.DONE);
    assertThat(admin.purgeDead(NOW).await()).isEqualTo(2L);

    assertThat(state.dead()).isEmpty();
    for (String id : List.of("a", "b", "c")) {
      assertThat(state.send(Request.cmd(Command.EXISTS).arg(keys.task(id))).toLong()).as(id).isZero();
    }
  }

  private static NewTask keyed(String id) {
    return new NewTask(id, "sendWelcome", "user-1", "env-" + id, NOW, NOW, 3, "k1", DAY);
  }

  private void notAHash(String id) {
    state.send(Request.cmd(Command.DEL).arg(keys.task(id)));
    state.send(Request.cmd(Command.SET).arg(keys.task(id)).arg("garbage"));
  }

  private void lostEntry(String id) {
    state.send(Request.cmd(Command.HDEL).arg(keys.task(id)).arg("entry"));
  }

  private void assertBuriedByNextClaim(String id, String reason) {
    assertThat(state.pending()).isEmpty();
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly(id);
    List<Buried> buried = queue.claim("worker-2", 10, NOW, DAY).await().buried();
    assertThat(buried).extracting(Buried::taskId, Buried::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(id, reason));
    assertThat(state.hash(id)).containsEntry("state", "dead").containsEntry("last_error", reason);
    assertThat(state.dead()).containsOnlyKeys(id);
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
  }
}
