package dev.courier.internal.task;

import dev.courier.context.Principal;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.trace.Tracing;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskClient;
import dev.courier.task.TaskMethod;
import dev.courier.task.TaskStatus;
import io.vertx.core.Future;

import java.io.Serializable;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires tasks by name or by method reference, on a node (registered beans only, checked when the set-up ends) or in a
 * client (declared classes, or a method's annotation). Calls share one {@link TaskSender}; this only finds the task.
 * A task's status is read through the same {@link TaskStatusLookup} as {@code GET /v1/tasks/{task_id}}, without its
 * owner check.
 */
public final class RedisTaskClient implements TaskClient {

  private final TaskLookup lookup;
  private final TaskSender sender;
  private final TaskStatusLookup statuses;
  private final Principal onBehalfOf;

  private RedisTaskClient(TaskLookup lookup, TaskSender sender, TaskStatusLookup statuses, Principal onBehalfOf) {
    this.lookup = lookup;
    this.sender = sender;
    this.statuses = statuses;
    this.onBehalfOf = onBehalfOf;
  }

  /**
   * A node's client: it knows the beans registered in {@code registry}; call {@link #endSetup()} after setup. Its
   * fires are counted in {@code meters}.
   */
  public static RedisTaskClient forNode(TaskRegistry registry, Queues queues, EnvelopeSigner signer,
                                        int maxPayloadBytes, Clock clock, TaskStatusLookup statuses, Tracing tracing,
                                        TaskMeters meters, long keyRetentionMs, CarriedClaims carried) {
    return new RedisTaskClient(TaskLookup.forNode(registry),
      new TaskSender(queues, signer, maxPayloadBytes, clock, tracing, meters, keyRetentionMs, carried), statuses, null);
  }

  /**
   * A client without a node: it knows the classes declared in {@code registry}, and any @AsyncTask method.
   *
   * @param keyRetentionMs how long past its task's due time an idempotency key is remembered
   */
  public static RedisTaskClient forClient(TaskRegistry registry, Queues queues, EnvelopeSigner signer,
                                          int maxPayloadBytes, Clock clock, TaskStatusLookup statuses,
                                          long keyRetentionMs, CarriedClaims carried) {
    // a client records no spans: what it fires starts a trace of its own, which a worker with an exporter records
    return new RedisTaskClient(TaskLookup.forClient(registry), new TaskSender(queues, signer, maxPayloadBytes, clock,
      Tracing.idsOnly(), TaskMeters.NONE, keyRetentionMs, carried), statuses, null);
  }

  /**
   * Checks every call obtained so far (during the service's setup) against the registered beans.
   *
   * @throws IllegalStateException in one line naming each call of a task no registered bean declares
   */
  public void endSetup() {
    lookup.endSetup();
  }

  @Override
  public TaskCall task(String name) {
    Objects.requireNonNull(name, "'name' cannot be null");
    return new RedisTaskCall(CallSettings.declared(lookup.byName(name), sender, onBehalfOf));
  }

  @Override
  public TaskClient onBehalfOf(Principal principal) {
    return new RedisTaskClient(lookup, sender, statuses, Objects.requireNonNull(principal, "'principal' cannot be null"));
  }

  @Override
  public <T> TaskCall.Of0 call(TaskMethod.A0<T> method) {
    return typed(method);
  }

  @Override
  public <T, A> TaskCall.Of1<A> call(TaskMethod.A1<T, A> method) {
    return typed(method);
  }

  @Override
  public <T, A, B> TaskCall.Of2<A, B> call(TaskMethod.A2<T, A, B> method) {
    return typed(method);
  }

  @Override
  public <T, A, B, C> TaskCall.Of3<A, B, C> call(TaskMethod.A3<T, A, B, C> method) {
    return typed(method);
  }

  @Override
  public <T, A, B, C, D> TaskCall.Of4<A, B, C, D> call(TaskMethod.A4<T, A, B, C, D> method) {
    return typed(method);
  }

  @Override
  public <T, A, B, C, D, E> TaskCall.Of5<A, B, C, D, E> call(TaskMethod.A5<T, A, B, C, D, E> method) {
    return typed(method);
  }

  @Override
  public <T, A, B, C, D, E, F> TaskCall.Of6<A, B, C, D, E, F> call(TaskMethod.A6<T, A, B, C, D, E, F> method) {
    return typed(method);
  }

  private <A, B, C, D, E, F> TypedTaskCall<A, B, C, D, E, F> typed(Serializable method) {
    return new TypedTaskCall<>(CallSettings.declared(lookup.byMethod(method), sender, onBehalfOf));
  }

  @Override
  public Future<Optional<TaskStatus>> status(String taskId) {
    return statuses.find(taskId);
  }
}
