package dev.courier.internal.task;

import dev.courier.task.TaskArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a call's tasks are due: the task's declared delay, a delay chosen for the call, or a due time. Immutable, so a
 * call kept in a field and fired from many requests at once never sees another request's choice.
 *
 * @param delay the call's own delay, or null for the declared one
 * @param at    the call's due time, or null; wins over any delay
 */
record Schedule(Duration delay, Instant at) {

  static final Schedule DECLARED = new Schedule(null, null);

  Schedule delayedBy(String task, Duration delay) {
    Objects.requireNonNull(delay, "'delay' cannot be null");
    if (delay.isNegative()) {
      throw TaskArgumentException.badDeclaration(task, "cannot be delayed by a negative duration");
    }
    return new Schedule(delay, null);
  }

  Schedule dueAt(Instant at) {
    return new Schedule(null, Objects.requireNonNull(at, "'dueAt' cannot be null"));
  }

  /** @return the due time in ms: never before {@code nowMs} */
  long dueMs(TaskDefinition task, long nowMs) {
    long due = at != null ? at.toEpochMilli() : nowMs + (delay != null ? delay : task.delay()).toMillis();
    return Math.max(nowMs, due);
  }
}
