package dev.courier.internal.queue;

import java.util.Objects;

/**
 * A task to store: its id, task name, optional subject, the opaque signed envelope, when it was enqueued and when it
 * is due (epoch ms), how many attempts it gets, and an optional idempotency key: a repeat of a key (same task, same
 * subject) within {@code keyTtlMs} stores nothing and answers the first task ({@link Enqueued}).
 *
 * @param key      the caller's idempotency key, or null; scoped to the task name and subject ({@link QueueKeys})
 * @param keyTtlMs how long the key names this task, in ms (at least 1 with a key, else ignored)
 */
public record NewTask(String id, String task, String subject, String envelope, long enqueuedAtMs, long dueAtMs,
    int maxAttempts, String key, long keyTtlMs) {

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
    if (key != null && keyTtlMs < 1) {
      throw new IllegalArgumentException("'keyTtlMs' must be >= 1 with a key, got " + keyTtlMs);
    }
  }

  /** A task without an idempotency key. */
  public NewTask(String id, String task, String subject, String envelope, long enqueuedAtMs, long dueAtMs,
                 int maxAttempts) {
    this(id, task, subject, envelope, enqueuedAtMs, dueAtMs, maxAttempts, null, 0);
  }
}
