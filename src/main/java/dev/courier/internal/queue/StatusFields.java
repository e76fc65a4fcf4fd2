package dev.courier.internal.queue;

import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.Instant;

/**
 * The fields of a task hash that a status shows, read with one {@code HMGET} (not the envelope, which may be large),
 * and the one way their values are read. Reading is lenient: a status page must not fail on a damaged or
 * newer-version hash, so an unknown state is {@link TaskState#UNKNOWN}, an unreadable count 0 and an unreadable time
 * {@code null}.
 */
final class StatusFields {

  private static final String[] FIELDS = {"task", "subject", "state", "attempts", "max_attempts", "enqueued_at",
    "due_at", "started_at", "finished_at", "last_error", "result", "result_error"};

  private StatusFields() {
  }

  static Request read(String taskKey) {
    return read(taskKey, new String[0]);
  }

  /** The status fields, then {@code extra} fields: their values follow at index {@link #fieldCount()} and after. */
  static Request read(String taskKey, String... extra) {
    Request req = Request.cmd(Command.HMGET).arg(taskKey);
    for (String field : FIELDS) {
      req.arg(field);
    }
    for (String field : extra) {
      req.arg(field);
    }
    return req;
  }

  /** @return how many status fields {@link #read} asks for before any extra one. */
  static int fieldCount() {
    return FIELDS.length;
  }

  /** @return the status, or {@code null} when the hash has none of the fields (no such task). */
  static TaskStatus status(String id, String queue, Response values) {
    String[] v = new String[FIELDS.length];
    boolean any = false;
    for (int i = 0; values != null && i < FIELDS.length && i < values.size(); i++) {
      Response one = values.get(i);
      v[i] = one == null ? null : one.toString();
      any |= v[i] != null;
    }
    if (!any) {
      return null;
    }
    return new TaskStatus(id, v[0], queue, v[1], TaskState.fromWire(v[2]), number(v[3]), number(v[4]), time(v[5]),
      time(v[6]), time(v[7]), time(v[8]), v[9], v[10], v[11]);
  }

  static int number(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Instant time(String epochMs) {
    try {
      return epochMs == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMs));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
