package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.TaskState;
import dev.courier.internal.queue.TaskStatus;
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

    assertThat(queue.status("t1").await()).isEqualTo(new TaskStatus("t1", "emails", "sendWelcome", "user-1",
        TaskState.DEAD, 1, 3, NOW, NOW, NOW, NOW + 7, "bad"));
  }

  @Test
  void status_of_a_delayed_task_has_no_start_or_finish() {
    queue.enqueue(aDelayedTask("t1", NOW + 100), NOW).await();

    TaskStatus s = queue.status("t1").await();
    assertThat(s.state()).isEqualTo(TaskState.DELAYED);
    assertThat(s.dueAt()).isEqualTo(NOW + 100);
    assertThat(s.startedAt()).isNull();
    assertThat(s.finishedAt()).isNull();
    assertThat(s.lastError()).isNull();
  }

  @Test
  void counts_split_ready_pending_delayed_and_dead() {
    assertThat(queue.counts().await()).isEqualTo(new QueueCounts(0, 0, 0, 0));
    Claim buried = aRunningTask("a");
    aRunningTask("b");
    queue.enqueue(aTask("c"), NOW).await();
    queue.enqueue(aTask("d"), NOW).await();
    queue.enqueue(aDelayedTask("e", NOW + 100), NOW).await();
    queue.bury(buried, "bad", NOW, DAY).await();

    assertThat(queue.counts().await()).isEqualTo(new QueueCounts(2, 1, 1, 1));
  }
}
