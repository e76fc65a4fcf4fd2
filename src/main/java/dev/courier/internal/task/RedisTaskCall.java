package dev.courier.internal.task;

import dev.courier.context.Principal;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskReceipt;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A call of a task named at run time ({@code tasks.task("sendEmail")}), arguments checked when it fires. Immutable:
 * {@link #delay}, {@link #at} and {@link #key} answer a new call, so one kept in a field is safe to share between
 * requests.
 */
final class RedisTaskCall implements TaskCall {

  private final TaskRef task;
  private final TaskSender sender;
  private final Principal onBehalfOf;
  private final Schedule schedule;
  private final String key;

  /** @param key the idempotency key (checked), or null */
  RedisTaskCall(TaskRef task, TaskSender sender, Principal onBehalfOf, Schedule schedule, String key) {
    this.task = task;
    this.sender = sender;
    this.onBehalfOf = onBehalfOf;
    this.schedule = schedule;
    this.key = key;
  }

  @Override
  public TaskCall delay(Duration delay) {
    return new RedisTaskCall(task, sender, onBehalfOf, schedule.delayedBy(task.name(), delay), key);
  }

  @Override
  public TaskCall at(Instant dueAt) {
    return new RedisTaskCall(task, sender, onBehalfOf, schedule.dueAt(dueAt), key);
  }

  @Override
  public TaskCall key(String key) {
    return new RedisTaskCall(task, sender, onBehalfOf, schedule, IdempotencyKey.check(task.name(), key));
  }

  @Override
  public Future<TaskReceipt> fire(Object... args) {
    // fire(null) is one null argument, not none
    return sender.fire(task.definition(), schedule, onBehalfOf, key, args == null ? new Object[] {null} : args);
  }

  @Override
  public Future<List<TaskReceipt>> fireAll(List<? extends List<?>> calls) {
    Objects.requireNonNull(calls, "'calls' cannot be null");
    List<Object[]> args = new ArrayList<>(calls.size());
    for (List<?> call : calls) {
      args.add(Objects.requireNonNull(call, "'calls' cannot contain null (call " + args.size() + ")").toArray());
    }
    return sender.fireAll(task.definition(), schedule, onBehalfOf, key, args);
  }
}
