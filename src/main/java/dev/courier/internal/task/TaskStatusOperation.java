package dev.courier.internal.task;

import dev.courier.context.Principal;
import dev.courier.api.ApiException;
import dev.courier.api.ApiRequest;
import dev.courier.api.Reply;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.TaskStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/tasks/{task_id}} (operation {@code getTaskStatus}): a task's state, seen only by the subject that
 * fired it or a caller with role {@code admin}; anyone else gets the same 404 as for a task that does not exist.
 */
public final class TaskStatusOperation {

  public static final String OPERATION_ID = "getTaskStatus";
  private static final String ADMIN = "admin";

  private final Queues queues;
  private final List<String> queueNames;

  /** @param queueNames every queue a task may be in (the registry's and the config's) */
  public TaskStatusOperation(Queues queues, List<String> queueNames) {
    this.queues = queues;
    this.queueNames = List.copyOf(queueNames);
  }

  public Future<Reply> handle(ApiRequest request) {
    String id = request.pathParam("task_id");
    Principal caller = request.principal();
    return find(id, 0).compose(status -> {
      if (status == null || !(caller.hasRole(ADMIN) || caller.subject().equals(status.subject()))) {
        return Future.failedFuture(ApiException.notFound("no task '" + id + "'"));
      }
      return Future.succeededFuture(Reply.ok(toJson(status)));
    });
  }

  private Future<TaskStatus> find(String id, int index) {
    if (index >= queueNames.size()) {
      return Future.succeededFuture(null);
    }
    return queues.get(queueNames.get(index)).compose(queue -> queue.status(id))
      .compose(found -> found != null ? Future.succeededFuture(found) : find(id, index + 1));
  }

  private static JsonObject toJson(TaskStatus s) {
    return new JsonObject().put("task_id", s.id()).put("task", s.task()).put("queue", s.queue())
      .put("state", s.state().wireName()).put("attempts", s.attempts()).put("max_attempts", s.maxAttempts())
      .put("enqueued_at", time(s.enqueuedAt())).put("due_at", time(s.dueAt())).put("started_at", time(s.startedAt()))
      .put("finished_at", time(s.finishedAt())).put("last_error", s.lastError());
  }

  private static String time(Long epochMs) {
    return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
  }
}
