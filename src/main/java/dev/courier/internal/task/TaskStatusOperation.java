package dev.courier.internal.task;

import dev.courier.api.ApiException;
import dev.courier.api.ApiRequest;
import dev.courier.api.Reply;
import dev.courier.context.Principal;
import dev.courier.task.TaskStatus;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * {@code GET /v1/tasks/{task_id}} (operation {@code getTaskStatus}): a task's state, seen only by the subject that
 * fired it or a caller with the admin role ({@code admin.role}); anyone else gets the same 404 as for a task that does
 * not exist.
 * {@code result} and {@code result_error} appear only when the task has them.
 */
public final class TaskStatusOperation {

  public static final String OPERATION_ID = "getTaskStatus";
  private final TaskStatusLookup lookup;
  private final String adminRole;

  public TaskStatusOperation(TaskStatusLookup lookup, String adminRole) {
    this.lookup = lookup;
    this.adminRole = adminRole;
  }

  public Future<Reply> handle(ApiRequest request) {
    String id = request.pathParam("task_id");
    Principal caller = request.principal();
    return lookup.find(id).compose(found -> {
      if (found.isEmpty() || !(caller.hasRole(adminRole) || caller.subject().equals(found.get().subject()))) {
        return Future.failedFuture(ApiException.notFound("no task '" + id + "'"));
      }
      return Future.succeededFuture(Reply.ok(toJson(found.get())));
    });
  }

  private static JsonObject toJson(TaskStatus s) {
    JsonObject json = new JsonObject().put("task_id", s.taskId()).put("task", s.task()).put("queue", s.queue())
      .put("state", s.state().wireName()).put("attempts", s.attempts()).put("max_attempts", s.maxAttempts())
      .put("enqueued_at", time(s.enqueuedAt())).put("due_at", time(s.dueAt())).put("started_at", time(s.startedAt()))
      .put("finished_at", time(s.finishedAt())).put("last_error", s.lastError());
    return withResult(json, s);
  }

  /** Adds {@code result} (the stored JSON) or {@code result_error} to {@code json}, when the task has one. */
  public static JsonObject withResult(JsonObject json, TaskStatus s) {
    String resultError = s.resultError();
    if (s.resultJson() != null) {
      try {
        json.put("result", Json.decodeValue(s.resultJson()));
      } catch (DecodeException e) {
        resultError = "the stored result is not valid JSON"; // a damaged hash must not turn a status into a 500
      }
    }
    return resultError == null ? json : json.put("result_error", resultError);
  }

  private static String time(Instant time) {
    return time == null ? null : time.toString();
  }
}
