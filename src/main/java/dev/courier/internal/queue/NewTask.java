package dev.courier.internal.queue;

import java.util.Objects;

/**
 * A task to store: its id (idempotency key), task name, optional subject, the opaque signed envelope, when it was
 * enqueued and when it is due (epoch ms), and how many attempts it gets.
 */
public record NewTask(String id, String task, String subject, String envelope, long enqueuedAtMs, long dueAtMs,
    int maxAttempts) {

  public NewTask {
    Objects.requireNonNull(id, "'id' cannot be null");
    Objects.requireNonNull(task, "'task' cannot be null");
    Objects.requireNonNull(envelope, "'envelope' cannot be null");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("'id' cannot be empty");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("'maxAttempts' must be >= 1, got " + maxAttempts);
    }
  }
}
