package dev.courier.task;

import dev.courier.context.Principal;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * Fires tasks, by method reference ({@code tasks.call(EmailTasks::sendEmail).fire(to, subject, body)}, checked by the
 * compiler) or by name ({@code tasks.task("sendEmail").fire(to, subject, body)}). Either way the arguments are
 * checked against the task's declaration at once (a bad one throws {@link TaskArgumentException} and nothing is
 * enqueued), the envelope is sealed with the current caller and request id, and the future completes when Redis holds
 * it. It never waits for the task to run; read its progress with {@link #status}.
 *
 * <p>On a node, a call obtained during {@code setup} is checked when {@code setup} returns: a task no registered bean
 * declares stops the node from starting. Later, such a call throws where it is written.
 */
public interface TaskClient {

  /**
   * @return a call of the task registered as {@code name}
   * @throws TaskArgumentException if no registered bean declares a task of that name
   */
  TaskCall task(String name);

  /**
   * A compile-checked call of the {@link AsyncTask} method {@code method} refers to, e.g.
   * {@code tasks.call(EmailTasks::sendEmail)}: its {@code fire} takes exactly the method's parameter types. See
   * {@link TaskMethod} for what may be referred to.
   *
   * @throws TaskArgumentException if {@code method} is not an unbound reference to an {@code @AsyncTask} method, or
   *     (on a node) no registered bean declares it
   */
  <T> TaskCall.Of0 call(TaskMethod.A0<T> method);

  /** As {@link #call(TaskMethod.A0)}, for a task with one argument. */
  <T, A> TaskCall.Of1<A> call(TaskMethod.A1<T, A> method);

  /** As {@link #call(TaskMethod.A0)}, for a task with two arguments. */
  <T, A, B> TaskCall.Of2<A, B> call(TaskMethod.A2<T, A, B> method);

  /** As {@link #call(TaskMethod.A0)}, for a task with three arguments. */
  <T, A, B, C> TaskCall.Of3<A, B, C> call(TaskMethod.A3<T, A, B, C> method);

  /** As {@link #call(TaskMethod.A0)}, for a task with four arguments. */
  <T, A, B, C, D> TaskCall.Of4<A, B, C, D> call(TaskMethod.A4<T, A, B, C, D> method);

  /** As {@link #call(TaskMethod.A0)}, for a task with five arguments. */
  <T, A, B, C, D, E> TaskCall.Of5<A, B, C, D, E> call(TaskMethod.A5<T, A, B, C, D, E> method);

  /** As {@link #call(TaskMethod.A0)}, for a task with six arguments. */
  <T, A, B, C, D, E, F> TaskCall.Of6<A, B, C, D, E, F> call(TaskMethod.A6<T, A, B, C, D, E, F> method);

  /**
   * @return a client whose tasks run as {@code principal} (a batch job's service account, the user an admin acts
   *     for), with the current request id if there is one; without it a task runs as the current caller, or
   *     anonymously outside any request or task
   */
  TaskClient onBehalfOf(Principal principal);

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
