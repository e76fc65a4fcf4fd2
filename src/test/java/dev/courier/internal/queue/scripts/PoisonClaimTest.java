package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Buried;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.Started;
import dev.courier.internal.queue.TaskRecord;
import dev.courier.task.TaskState;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A delivery the claim cannot read as a task is buried with a reason at its first reading, in the same script, and
 * never started or redelivered: garbage in attempts or max_attempts, no envelope, a state no script writes, a key
 * that is not a hash, a stream entry without an id. Healthy deliveries of the same claim still start.
 */
class PoisonClaimTest extends QueueScriptTestBase {

  @Test
  void each_kind_of_damaged_hash_is_buried_with_its_reason_at_first_reading() {
    damaged("attempts", "HSET", "attempts", "lots");
    damaged("maxgarbage", "HSET", "max_attempts", "3; DROP");
    damaged("huge", "HSET", "attempts", "99999999999999999999");
    damaged("noenvelope", "HDEL", "envelope", null);
    damaged("noattempts", "HDEL", "attempts", null);
    damaged("bogus", "HSET", "state", "exploded");
    damaged("nostate", "HDEL", "state", null);
    queue.enqueue(aTask("healthy"), NOW).await();

    Claimed claimed = queue.claim("worker-1", 100, NOW, DAY).await();

    assertThat(claimed.runs()).extracting(Started::taskId).containsExactly("healthy");
    assertThat(claimed.buried()).extracting(Buried::taskId).containsExactlyInAnyOrder("attempts", "maxgarbage",
      "huge", "noenvelope", "noattempts", "bogus", "nostate");
    assertThat(claimed.buried()).extracting(Buried::code).containsOnly("damaged");
    assertThat(state.hash("attempts")).containsEntry("state", "dead")
      .containsEntry("last_error", "damaged task hash: attempts 'lots' is not a count");
    assertThat(state.hash("maxgarbage").get("last_error"))
      .isEqualTo("damaged task hash: max_attempts '3; DROP' is not a count");
    assertThat(state.hash("huge").get("last_error")).startsWith("damaged task hash: attempts '9999");
    assertThat(state.hash("noenvelope").get("last_error")).isEqualTo("damaged task hash: no envelope");
    assertThat(state.hash("noattempts").get("last_error")).isEqualTo("damaged task hash: attempts is missing");
    assertThat(state.hash("bogus").get("last_error")).isEqualTo("damaged task hash: unknown state 'exploded'");
    assertThat(state.hash("nostate").get("last_error")).isEqualTo("damaged task hash: no state");
    assertThat(state.dead()).containsOnlyKeys("attempts", "maxgarbage", "huge", "noenvelope", "noattempts",
      "bogus", "nostate");
    assertThat(state.pending()).as("only the healthy run holds a lease").hasSize(1);
    assertThat(state.stream()).hasSize(1);
    assertAllowed(TaskState.QUEUED, TaskState.DEAD);
  }

  @Test
  void an_entry_without_an_id_gets_a_dead_record_of_its_own() {
    String entry = state.send(Request.cmd(Command.XADD).arg(keys.ready()).arg("*").arg("junk").arg("x")).toString();

    Claimed claimed = queue.claim("worker-1", 10, NOW, DAY).await();

    assertThat(claimed.runs()).isEmpty();
    assertThat(claimed.buried()).hasSize(1);
    Buried buried = claimed.buried().get(0);
    assertThat(buried.taskId()).hasSize(26).startsWith("NOID").matches("[0-9A-Z]{26}");
    assertThat(buried.reason()).isEqualTo("stream entry " + entry + " names no task id (fields: junk x)");
    assertThat(state.hash(buried.taskId())).containsEntry("state", "dead").containsEntry("buried_entry", entry)
      .containsEntry("last_error", buried.reason());
    assertThat(state.dead()).containsOnlyKeys(buried.taskId());
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void a_task_key_that_is_not_a_hash_is_replaced_by_a_dead_record_and_blocks_nothing() {
    queue.enqueue(aTask("fine"), NOW).await();
    state.send(Request.cmd(Command.SET).arg(keys.task("strange")).arg("not a hash"));
    state.send(Request.cmd(Command.XADD).arg(keys.ready()).arg("*").arg("id").arg("strange"));
    TaskRecord before = queue.statusWithEnvelope("strange").await();
    assertThat(before.status().state()).as("read, not failed").isEqualTo(TaskState.UNKNOWN);
    assertThat(before.status().lastError()).contains("no hash");

    Claimed claimed = queue.claim("worker-1", 10, NOW, DAY).await();

    assertThat(claimed.runs()).extracting(Started::taskId).containsExactly("fine");
    assertThat(claimed.buried()).extracting(Buried::taskId).containsExactly("strange");
    assertThat(state.hash("strange")).containsEntry("state", "dead")
      .containsEntry("last_error", "damaged task record: the key held a string, not a hash");
  }

  @Test
  void an_expired_lease_of_a_damaged_task_is_requeued_as_it_is_and_then_buried_not_repaired() {
    queue.enqueue(aTask("t1"), NOW).await();
    queue.enqueue(aTask("t2"), NOW).await();
    List<Started> runs = claimAll("worker-1");
    assertThat(runs).hasSize(2);
    state.send(Request.cmd(Command.HSET).arg(keys.task("t1")).arg("state").arg("exploded"));
    state.send(Request.cmd(Command.DEL).arg(keys.task("t2")));
    state.send(Request.cmd(Command.SET).arg(keys.task("t2")).arg("not a hash"));

    assertThat(queue.reclaimExpired(0, 10).await()).isEqualTo(2);
    assertThat(state.hash("t1")).as("a state no script writes is not laundered into queued")
      .containsEntry("state", "exploded");

    Claimed claimed = queue.claim("worker-2", 10, NOW, DAY).await();
    assertThat(claimed.runs()).isEmpty();
    assertThat(claimed.buried()).extracting(Buried::taskId).containsExactlyInAnyOrder("t1", "t2");
    assertThat(state.hash("t1")).containsEntry("state", "dead").containsEntry("attempts", "1");
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void the_hash_copies_of_task_subject_and_max_attempts_come_with_each_run() {
    queue.enqueue(aTask("t1"), NOW).await();
    state.send(Request.cmd(Command.HSET).arg(keys.task("t1")).arg("max_attempts").arg("99").arg("subject")
      .arg("mallory"));

    Started run = claimAll("worker-1").get(0);

    assertThat(run.storedTask()).isEqualTo("sendWelcome");
    assertThat(run.storedSubject()).isEqualTo("mallory");
    assertThat(run.storedMaxAttempts()).isEqualTo(99);
  }

  @Test
  void a_key_that_stops_being_a_hash_while_its_task_runs_spoils_neither_its_batch_nor_its_burial() {
    queue.enqueue(aTask("a"), NOW).await();
    queue.enqueue(aTask("b"), NOW).await();
    queue.enqueue(aTask("c"), NOW).await();
    List<Started> runs = claimAll("worker-1");
    state.send(Request.cmd(Command.DEL).arg(keys.task("a")));
    state.send(Request.cmd(Command.SET).arg(keys.task("a")).arg("garbage"));

    List<Boolean> owned = queue.complete(List.of(dev.courier.internal.queue.Completion.of(runs.get(0).claim()),
      dev.courier.internal.queue.Completion.of(runs.get(1).claim())), NOW, DAY).await();
    assertThat(owned).containsExactly(false, true);
    assertThat(state.hash("b")).containsEntry("state", "succeeded");

    state.send(Request.cmd(Command.DEL).arg(keys.task("c")));
    state.send(Request.cmd(Command.SET).arg(keys.task("c")).arg("garbage"));
    assertThat(queue.bury(runs.get(2).claim(), "failed after 1 attempt(s): x", NOW, DAY).await()).isTrue();
    assertThat(state.hash("c")).containsEntry("state", "dead");
  }

  @Test
  void a_queued_hash_without_its_entry_is_buried_as_damaged_not_left_answering_queued() {
    damaged("noentry", "HDEL", "entry", null);
    damaged("bare", "HDEL", "entry", null);
    state.send(Request.cmd(Command.HDEL).arg(keys.task("bare")).arg("envelope"));
    queue.enqueue(aTask("healthy"), NOW).await();

    Claimed claimed = queue.claim("worker-1", 10, NOW, DAY).await();

    assertThat(claimed.runs()).extracting(Started::taskId).containsExactly("healthy");
    assertThat(claimed.buried()).extracting(Buried::taskId).containsExactly("noentry", "bare");
    assertThat(claimed.buried()).extracting(Buried::code).containsOnly("damaged");
    assertThat(state.hash("noentry")).containsEntry("state", "dead").containsEntry("attempts", "0")
      .containsEntry("last_error", "damaged task hash: no entry (state queued)");
    assertThat(state.hash("bare")).containsEntry("state", "dead")
      .containsEntry("last_error", "damaged task hash: no envelope");
    assertThat(state.dead()).containsOnlyKeys("noentry", "bare");
    assertThat(queue.status("noentry").await().state()).isEqualTo(TaskState.DEAD);
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("healthy");
    assertThat(state.pending()).hasSize(1);
  }

  @Test
  void an_expired_lease_of_a_task_that_lost_its_entry_is_requeued_for_claim_to_bury() {
    queue.enqueue(aTask("t1"), NOW).await();
    claimAll("worker-1");
    state.send(Request.cmd(Command.HDEL).arg(keys.task("t1")).arg("entry"));

    assertThat(queue.reclaimExpired(0, 10).await()).isEqualTo(1);
    assertThat(state.hash("t1")).as("not repaired").containsEntry("state", "running").doesNotContainKey("entry");

    Claimed claimed = queue.claim("worker-2", 10, NOW, DAY).await();
    assertThat(claimed.buried()).extracting(Buried::taskId).containsExactly("t1");
    assertThat(state.hash("t1")).containsEntry("state", "dead")
      .containsEntry("last_error", "damaged task hash: no entry (state running)");
    assertThat(state.stream()).isEmpty();
    assertThat(state.pending()).isEmpty();
  }

  private void damaged(String id, String command, String field, String value) {
    queue.enqueue(aTask(id), NOW).await();
    Request req = Request.cmd(command.equals("HSET") ? Command.HSET : Command.HDEL).arg(keys.task(id)).arg(field);
    state.send(value == null ? req : req.arg(value));
  }
}
