package dev.courier.internal.task;

import dev.courier.context.Principal;
import dev.courier.task.TaskReceipt;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a call was set up with, apart from its arguments: the task it names, the sender that fires it, whom it
 * runs as, when it is due and its idempotency key. Both kinds of call ({@link RedisTaskCall} by name,
 * {@link TypedTaskCall} by method reference) hold one, so a new per-call option is added here and reaches the
 * {@link TaskSender} through it. Immutable: each option answers a new value.
 *
 * @param onBehalfOf the principal the task runs as, or null for the current caller's (if any)
 * @param key        the idempotency key (checked), or null
 */
record CallSettings(TaskRef task, TaskSender sender, Principal onBehalfOf, Schedule schedule, String key) {

  /** A call of {@code task} as declared: its declared delay, no key. */
  static CallSettings declared(TaskRef task, TaskSender sender, Principal onBehalfOf) {
    return new CallSettings(task, sender, onBehalfOf, Schedule.DECLARED, null);
  }

  CallSettings delayedBy(Duration delay) {
    return new CallSettings(task, sender, onBehalfOf, schedule.delayedBy(task.name(), delay), key);
  }

  CallSettings dueAt(Instant dueAt) {
    return new CallSettings(task, sender, onBehalfOf, schedule.dueAt(dueAt), key);
  }

  CallSettings keyed(String key) {
    return new CallSettings(task, sender, onBehalfOf, schedule, IdempotencyKey.check(task.name(), key));
  }

  Future<TaskReceipt> fire(Object[] args) {
    return sender.fire(this, args);
  }

  Future<List<TaskReceipt>> fireAll(List<Object[]> calls) {
    return sender.fireAll(this, calls);
  }
}
