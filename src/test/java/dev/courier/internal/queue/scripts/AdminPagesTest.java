package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.QueueAdmin;
import dev.courier.internal.queue.TaskPage;
import dev.courier.internal.queue.TaskRecord;
import dev.courier.task.TaskState;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API's reads: a queue's tasks by state, a page at a time, and one task's record. */
class AdminPagesTest extends QueueScriptTestBase {

  QueueAdmin admin;

  @BeforeEach
  void admin() {
    admin = queue.admin();
  }

  /** Every id of {@code state}, following the cursors with pages of {@code limit}. */
  private List<String> allOf(TaskState state, int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      TaskPage page = admin.page(state, cursor, limit).await();
      assertThat(page.tasks().size()).isLessThanOrEqualTo(limit);
      page.tasks().forEach(t -> ids.add(t.status().taskId()));
      cursor = page.nextCursor();
      assertThat(++pages).as("pages end").isLessThan(100);
    } while (cursor != null);
    return ids;
  }

  @Test
  void dead_tasks_page_latest_first_with_their_last_error() {
    for (int i = 0; i < 7; i++) {
      Claim c = aRunningTask("d" + i);
      queue.bury(c, "failed after 1 attempt(s): boom " + i, NOW + i, DAY).await();
    }

    TaskPage first = admin.page(TaskState.DEAD, null, 3).await();

    assertThat(first.tasks()).extracting(t -> t.status().taskId()).containsExactly("d6", "d5", "d4");
    assertThat(first.tasks().get(0).status().lastError()).isEqualTo("failed after 1 attempt(s): boom 6");
    assertThat(first.tasks().get(0).status().state()).isEqualTo(TaskState.DEAD);
    assertThat(first.tasks().get(0).envelope()).as("pages never carry envelopes").isNull();
    assertThat(allOf(TaskState.DEAD, 3)).containsExactly("d6", "d5", "d4", "d3", "d2", "d1", "d0");
    assertThat(allOf(TaskState.DEAD, 7)).hasSize(7);
    assertThat(admin.page(TaskState.DEAD, null, 7).await().nextCursor()).as("no empty last page").isNull();
  }

  @Test
  void queued_tasks_are_the_unclaimed_entries_in_stream_order() {
    for (int i = 0; i < 5; i++) {
      queue.enqueue(aTask("q" + i), NOW).await();
    }
    queue.claim("worker-1", 2, NOW, DAY).await(); // q0 and q1 run now

    assertThat(allOf(TaskState.QUEUED, 2)).containsExactly("q2", "q3", "q4");
    assertThat(allOf(TaskState.RUNNING, 1)).containsExactly("q0", "q1");
    TaskRecord running = admin.page(TaskState.RUNNING, null, 10).await().tasks().get(0);
    assertThat(running.heldBy()).isEqualTo("worker-1");
    assertThat(running.status().state()).isEqualTo(TaskState.RUNNING);
  }

  @Test
  void a_cursor_behind_the_claims_skips_what_was_claimed_meanwhile() {
    for (int i = 0; i < 4; i++) {
      queue.enqueue(aTask("q" + i), NOW).await();
    }
    TaskPage first = admin.page(TaskState.QUEUED, null, 1).await();
    queue.claim("worker-1", 2, NOW, DAY).await(); // q0 and q1: no longer queued

    assertThat(admin.page(TaskState.QUEUED, first.nextCursor(), 10).await().tasks())
        .extracting(t -> t.status().taskId()).containsExactly("q2", "q3");
  }

  @Test
  void delayed_and_retrying_tasks_page_by_due_time() {
    queue.enqueue(aDelayedTask("late", NOW + 300), NOW).await();
    queue.enqueue(aDelayedTask("soon", NOW + 100), NOW).await();
    queue.retry(aRunningTask("r1"), "env-r1-2", NOW + 50, "boom", NOW).await();

    assertThat(allOf(TaskState.DELAYED, 1)).containsExactly("soon", "late");
    TaskPage retrying = admin.page(TaskState.RETRYING, null, 10).await();
    assertThat(retrying.tasks()).extracting(t -> t.status().taskId()).containsExactly("r1");
    assertThat(retrying.tasks().get(0).status().lastError()).isEqualTo("boom");
  }

  @Test
  void an_id_whose_hash_expired_is_listed_as_unknown() {
    state.send(Request.cmd(Command.ZADD).arg(keys.dead()).arg(NOW).arg("expired"));

    TaskRecord gone = admin.page(TaskState.DEAD, null, 10).await().tasks().get(0);

    assertThat(gone.status().taskId()).isEqualTo("expired");
    assertThat(gone.status().state()).isEqualTo(TaskState.UNKNOWN);
  }

  @Test
  void an_empty_state_is_an_empty_last_page() {
    for (TaskState s : List.of(TaskState.QUEUED, TaskState.RUNNING, TaskState.DELAYED, TaskState.RETRYING,
        TaskState.DEAD)) {
      TaskPage page = admin.page(s, null, 50).await();
      assertThat(page.tasks()).as(s.wireName()).isEmpty();
      assertThat(page.nextCursor()).isNull();
    }
  }

  @Test
  void bad_states_cursors_and_limits_are_refused() {
    assertThatThrownBy(() -> admin.page(TaskState.SUCCEEDED, null, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("succeeded");
    assertThatThrownBy(() -> admin.page(TaskState.DEAD, "1-0", 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> admin.page(TaskState.QUEUED, "12", 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> admin.page(TaskState.DEAD, null, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> admin.page(TaskState.DEAD, null, QueueAdmin.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_record_carries_the_envelope_and_who_holds_a_running_task() {
    aRunningTask("t1");

    TaskRecord record = admin.record("t1").await();

    assertThat(record.envelope()).isEqualTo("env-t1");
    assertThat(record.heldBy()).isEqualTo("worker-1");
    assertThat(record.status().state()).isEqualTo(TaskState.RUNNING);
    assertThat(record.retriedBy()).isNull();
    assertThat(admin.record("nope").await()).isNull();
  }
}
