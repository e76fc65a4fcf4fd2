package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.queue.QueueCounts;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAndCountsTest extends QueueScriptTestBase {

  @Test
  void status_of_an_unknown_task_is_null() {
    assertThat(queue.status("nope").await()).isNull();
  }

  @Test
  void status_reports_every_field_of_a_finished_task() {
    Claim c = aRunningTask("t1");
    queue.bury(c, "bad", NOW + 7, DAY).await();

    assertThat(queue.status("t1").await()).isEqualTo(new TaskStatus("t1", "sendWelcome", "emails", "user-1",
        TaskState.DEAD, 1, 3, at(NOW), at(NOW), at(NOW), at(NOW + 7), "bad", null, null));
  }

  @Test
  void status_shows_the_stored_result_or_why_there_is_none() {
    Claim stored = aRunningTask("t1");
    Claim refused = aRunningTask("t2");
    queue.complete(List.of(Completion.withResult(stored, "{\"n\":1}"),
        Completion.resultNotStored(refused, "too big")), NOW + 3, DAY).await();

    TaskStatus one = queue.status("t1").await();
    assertThat(one.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(one.resultJson()).isEqualTo("{\"n\":1}");
    assertThat(one.resultError()).isNull();
    TaskStatus two = queue.status("t2").await();
    assertThat(two.resultJson()).isNull();
    assertThat(two.resultError()).isEqualTo("too big");
  }

  @Test
  void a_damaged_hash_reads_as_defined_values_never_as_a_failure() {
    state.send(Request.cmd(Command.HSET).arg(keys.task("t1")).arg("state").arg("paused").arg("attempts").arg("many")
        .arg("max_attempts").arg("3.5").arg("started_at").arg("yesterday").arg("due_at").arg(Long.toString(NOW)));

    TaskStatus s = queue.status("t1").await();

    assertThat(s.state()).isEqualTo(TaskState.UNKNOWN);
    assertThat(s.attempts()).isZero();
    assertThat(s.maxAttempts()).isZero();
    assertThat(s.startedAt()).isNull();
    assertThat(s.dueAt()).isEqualTo(at(NOW));
    assertThat(s.task()).isNull();
  }

  @Test
  void a_hash_without_a_state_reads_as_unknown() {
    state.send(Request.cmd(Command.HSET).arg(keys.task("t1")).arg("task").arg("sendWelcome"));

    assertThat(queue.status("t1").await().state()).isEqualTo(TaskState.UNKNOWN);
  }

  @Test
  void status_of_a_delayed_task_has_no_start_or_finish() {
    queue.enqueue(aDelayedTask("t1", NOW + 100), NOW).await();

    TaskStatus s = queue.status("t1").await();
    assertThat(s.state()).isEqualTo(TaskState.DELAYED);
    assertThat(s.dueAt()).isEqualTo(at(NOW + 100));
    assertThat(s.startedAt()).isNull();
    assertThat(s.finishedAt()).isNull();
    assertThat(s.lastError()).isNull();
  }

  private static Instant at(long epochMs) {
    return Instant.ofEpochMilli(epochMs);
  }

  @Test
  void counts_split_ready_pending_delayed_retrying_and_dead() {
    assertThat(queue.counts().await()).isEqualTo(new QueueCounts(0, 0, 0, 0, 0));
    Claim buried = aRunningTask("a");
    aRunningTask("b");
    Claim failed = aRunningTask("f");
    queue.enqueue(aTask("c"), NOW).await();
    queue.enqueue(aTask("d"), NOW).await();
    queue.enqueue(aDelayedTask("e", NOW + 100), NOW).await();
    queue.bury(buried, "bad", NOW, DAY).await();
    queue.retry(failed, "env-f-2", NOW + 1_000, "boom", NOW).await();

    assertThat(queue.counts().await()).isEqualTo(new QueueCounts(2, 1, 1, 1, 1));
  }
}
