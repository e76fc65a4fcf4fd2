package dev.courier.internal.admin;

import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.QueueOverview;
import dev.courier.internal.queue.TaskRecord;
import dev.courier.internal.task.TaskStatusOperation;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** The admin API's JSON: a queue with its counts, a task as a page lists it, and a task's full record. */
final class AdminJson {

  private AdminJson() {
  }

  static JsonObject queue(QueueOverview q) {
    QueueCounts c = q.counts();
    return new JsonObject().put("queue", q.queue()).put("paused", q.paused()).put("paused_by", q.pausedBy())
      .put("paused_at", time(q.pausedAt()))
      .put("counts", new JsonObject().put("queued", c.ready()).put("running", c.pending()).put("delayed", c.delayed())
        .put("retrying", c.retrying()).put("dead", c.dead()));
  }

  static JsonObject summary(TaskRecord r) {
    TaskStatus s = r.status();
    return new JsonObject().put("task_id", s.taskId()).put("task", s.task()).put("queue", s.queue())
      .put("state", s.state().wireName()).put("attempts", s.attempts()).put("max_attempts", s.maxAttempts())
      .put("subject", s.subject()).put("enqueued_at", time(s.enqueuedAt())).put("due_at", time(s.dueAt()))
      .put("started_at", time(s.startedAt())).put("finished_at", time(s.finishedAt()))
      .put("last_error", s.lastError())
      .put("dead_reason", s.state() == TaskState.DEAD ? DeadReason.of(s.lastError()) : null)
      .put("retried_by", r.retriedBy()).put("retried_at", time(r.retriedAt())).put("retried_count", r.retriedCount())
      .put("worker", r.heldBy());
  }

  /** The summary, its result and what its envelope says. */
  static JsonObject record(TaskRecord r, JsonObject envelope) {
    return TaskStatusOperation.withResult(summary(r), r.status()).put("envelope", envelope);
  }

  private static String time(Instant time) {
    return time == null ? null : time.toString();
  }
}
