package dev.courier.task;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * Fires tasks: {@code tasks.task("sendEmail").fire(to, subject, body)} checks the arguments against the task's
 * declaration at once (a bad one throws {@link TaskArgumentException} and nothing is enqueued), seals an envelope with
 * the current caller and request id, and completes when Redis holds it. It never waits for the task to run; read its
 * progress with {@link #status}.
 */
public interface TaskClient {

  /**
   * @return a call of the task registered as {@code name}
   * @throws TaskArgumentException if no registered bean declares a task of that name
   */
  TaskCall task(String name);

  /**
   * Reads a task's state, attempts, times, last error and result, in any queue this node knows. There is no owner
   * check: anyone who has the id gets the status, so a handler that shows it decides who may see it (compare
   * {@link TaskStatus#subject()} with the caller, as {@code GET /v1/tasks/{task_id}} does).
   *
   * @return the status, or empty if no such task is stored (never fired here, or expired after the retention);
   *         fails only if Redis cannot be read
   */
  Future<Optional<TaskStatus>> status(String taskId);
}
