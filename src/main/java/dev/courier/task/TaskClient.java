package dev.courier.task;

/**
 * Fires tasks: {@code tasks.task("sendEmail").fire(to, subject, body)} checks the arguments against the task's
 * declaration at once (a bad one throws {@link TaskArgumentException} and nothing is enqueued), seals an envelope with
 * the current caller and request id, and completes when Redis holds it. It never waits for the task to run.
 */
public interface TaskClient {

  /**
   * @return a call of the task registered as {@code name}
   * @throws TaskArgumentException if no registered bean declares a task of that name
   */
  TaskCall task(String name);
}
