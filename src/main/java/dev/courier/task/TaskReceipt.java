package dev.courier.task;

import java.time.Instant;

/**
 * What firing a task answers once its envelope is safely in Redis: its id and when it is due.
 *
 * @param repeated true when the call's idempotency key ({@link TaskCall#key}) already named a task: nothing was
 *                 enqueued, and the id and due time are that first task's
 */
public record TaskReceipt(String taskId, Instant dueAt, boolean repeated) {

  /** The receipt of a task just enqueued. */
  public TaskReceipt(String taskId, Instant dueAt) {
    this(taskId, dueAt, false);
  }
}
