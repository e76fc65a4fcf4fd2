package dev.courier.internal.queue;

import dev.courier.task.TaskStatus;

import java.time.Instant;

/**
 * What an operator sees of one task: its status, who retried it from the dead set and when, and, for one task read
 * on its own, the signed envelope (still sealed: the admin API opens it to show its metadata, never its signature).
 *
 * @param status       the status fields, as {@code TaskClient.status} reads them
 * @param retriedBy    the subject of the operator who last retried it from the dead set, or {@code null}
 * @param retriedAt    when that was, or {@code null}
 * @param retriedCount how many times an operator retried it
 * @param heldBy       the worker consumer whose lease it is under (running tasks of a page, or of a running task read
 *                     on its own), else {@code null}
 * @param envelope     the sealed envelope (a task read on its own), else {@code null}
 */
public record TaskRecord(TaskStatus status, String retriedBy, Instant retriedAt, int retriedCount, String heldBy,
                         String envelope) {

  TaskRecord heldBy(String consumer) {
    return new TaskRecord(status, retriedBy, retriedAt, retriedCount, consumer, envelope);
  }
}
