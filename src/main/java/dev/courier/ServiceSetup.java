package dev.courier;

import dev.courier.api.OperationHandler;
import dev.courier.task.TaskClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;

/** What a {@link CourierService} gets to wire itself: the node's shared resources and the binding calls. */
public interface ServiceSetup {

  Vertx vertx();

  /** @return the node's shared, pooled Redis client (non-blocking; safe to share between verticles). */
  Redis redis();

  /** @return the {@code service} section of the node's config, for the service's own settings. */
  JsonObject settings();

  /**
   * Binds {@code handler} to the contract operation {@code operationId}. The node refuses to start if an operation
   * has no handler or a handler names an operation the contract lacks.
   */
  ServiceSetup operation(String operationId, OperationHandler handler);

  /**
   * Registers the {@link dev.courier.task.AsyncTask} methods of {@code bean}. Every node registers the same beans: API
   * nodes to check calls, worker nodes to run them. Uncarryable parameters are refused here, at start-up.
   */
  ServiceSetup tasks(Object bean);

  /**
   * @return the client that fires registered tasks: {@code taskClient().call(EmailTasks::sendEmail).fire(...)}, or
   *     by name {@code taskClient().task("sendEmail").fire(...)}. Calls obtained here, during setup, are checked when
   *     setup returns: one naming a task no registered bean declares stops the node.
   */
  TaskClient taskClient();
}
