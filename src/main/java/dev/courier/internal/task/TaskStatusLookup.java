package dev.courier.internal.task;

import dev.courier.internal.queue.Queues;
import dev.courier.task.TaskStatus;
import io.vertx.core.Future;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds a task's status in whichever queue holds it: the one reading path behind {@code TaskClient.status} and
 * {@code GET /v1/tasks/{task_id}}. The queues to search are asked for at each lookup, since the node knows them only
 * once the service registered its tasks, after this is built. No owner check here: callers decide.
 */
public final class TaskStatusLookup {

  private final Queues queues;
  private final Supplier<List<String>> queueNames;

  /** @param queueNames every queue a task may be in (the configured ones and those the registered tasks name) */
  public TaskStatusLookup(Queues queues, Supplier<List<String>> queueNames) {
    this.queues = queues;
    this.queueNames = queueNames;
  }

  public Future<Optional<TaskStatus>> find(String taskId) {
    Objects.requireNonNull(taskId, "'taskId' cannot be null");
    return find(taskId, queueNames.get(), 0);
  }

  private Future<Optional<TaskStatus>> find(String taskId, List<String> names, int index) {
    if (index >= names.size()) {
      return Future.succeededFuture(Optional.empty());
    }
    return queues.get(names.get(index)).compose(queue -> queue.status(taskId))
      .compose(found -> found != null ? Future.succeededFuture(Optional.of(found)) : find(taskId, names, index + 1));
  }
}
