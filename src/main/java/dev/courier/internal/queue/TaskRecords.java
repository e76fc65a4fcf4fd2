package dev.courier.internal.queue;

import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Reads {@link TaskRecord}s: the status fields ({@link StatusFields}) plus what an operator also wants, in one
 * {@code HMGET} per task. Lenient as a status is: a damaged value reads as 0 or null.
 */
final class TaskRecords {

  private static final String[] EXTRA = {"retried_by", "retried_at", "retried_count", "entry"};
  private static final String[] EXTRA_WITH_ENVELOPE = {"retried_by", "retried_at", "retried_count", "entry",
    "envelope"};

  private TaskRecords() {
  }

  static Request read(String taskKey, boolean withEnvelope) {
    return StatusFields.read(taskKey, withEnvelope ? EXTRA_WITH_ENVELOPE : EXTRA);
  }

  /** @return the record, or {@code null} when the hash is gone. */
  static TaskRecord record(String id, String queue, Response values) {
    TaskStatus status = StatusFields.status(id, queue, values);
    if (status == null) {
      return null;
    }
    int at = StatusFields.fieldCount();
    return new TaskRecord(status, text(values, at), StatusFields.time(text(values, at + 1)),
      StatusFields.number(text(values, at + 2)), null, text(values, at + 4));
  }

  /** The stream entry that owns the task (read with the record), or {@code null}. */
  static String entry(Response values) {
    return text(values, StatusFields.fieldCount() + 3);
  }

  /** A listed id whose hash is gone (expired after the retention while its id stayed in a set). */
  static TaskRecord gone(String id, String queue) {
    return new TaskRecord(new TaskStatus(id, null, queue, null, TaskState.UNKNOWN, 0, 0, null, null, null, null,
      null, null, null), null, null, 0, null, null);
  }

  /** A task key that holds no hash (damaged): readable as state {@code UNKNOWN} with a reason, never a failure. */
  static TaskRecord notAHash(String id, String queue) {
    return new TaskRecord(new TaskStatus(id, null, queue, null, TaskState.UNKNOWN, 0, 0, null, null, null, null,
      "damaged task record: the key holds no hash", null, null), null, null, 0, null, null);
  }

  static boolean isWrongType(Throwable err) {
    return err.getMessage() != null && err.getMessage().startsWith("WRONGTYPE");
  }

  private static String text(Response values, int index) {
    if (values == null || index >= values.size()) {
      return null;
    }
    Response one = values.get(index);
    return one == null ? null : one.toString();
  }
}
