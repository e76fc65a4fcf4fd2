package dev.courier.task;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One call of one task, with an optional per-call delay or due time; {@link #fire} enqueues it, {@link #fireAll}
 * enqueues many calls of it at once.
 */
public interface TaskCall {

  /** Runs the task no sooner than {@code delay} from now (overrides the declared default). */
  TaskCall delay(Duration delay);

  /** Runs the task no sooner than {@code dueAt}. */
  TaskCall at(Instant dueAt);

  /**
   * Checks {@code args}, seals the envelope and enqueues it. Fires made at the same time on this node share script
   * calls to Redis, so many fires in flight cost little more than one.
   *
   * @throws TaskArgumentException at once, with nothing enqueued, if an argument does not fit its parameter
   */
  Future<TaskReceipt> fire(Object... args);

  /**
   * Fires the task once per element of {@code calls}, each element being the arguments of one call (as {@link #fire}
   * takes them), all with this call's delay or due time, in one round trip to Redis. Every call is checked and sealed
   * before anything is sent, so a bad argument anywhere enqueues none of them. Up to 1,000 tasks are stored
   * atomically; a longer list is stored in parts of 1,000, each atomic (if Redis fails mid-way the future fails and
   * some parts may be stored).
   *
   * @return the receipts, in the order of {@code calls}
   * @throws TaskArgumentException at once, with nothing enqueued, naming the call (0-based) and the parameter
   */
  Future<List<TaskReceipt>> fireAll(List<? extends List<?>> calls);
}
