package dev.courier.internal.task;

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

  private final CallSettings settings;

  RedisTaskCall(CallSettings settings) {
    this.settings = settings;
  }

  @Override
  public TaskCall delay(Duration delay) {
    return new RedisTaskCall(settings.delayedBy(delay));
  }

  @Override
  public TaskCall at(Instant dueAt) {
    return new RedisTaskCall(settings.dueAt(dueAt));
  }

  @Override
  public TaskCall key(String key) {
    return new RedisTaskCall(settings.keyed(key));
  }

  @Override
  public Future<TaskReceipt> fire(Object... args) {
    // fire(null) is one null argument, not none
    return settings.fire(args == null ? new Object[] {null} : args);
  }

  @Override
  public Future<List<TaskReceipt>> fireAll(List<? extends List<?>> calls) {
    Objects.requireNonNull(calls, "'calls' cannot be null");
    List<Object[]> args = new ArrayList<>(calls.size());
    for (List<?> call : calls) {
      args.add(Objects.requireNonNull(call, "'calls' cannot contain null (call " + args.size() + ")").toArray());
    }
    return settings.fireAll(args);
  }
}
