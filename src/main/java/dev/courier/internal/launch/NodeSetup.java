package dev.courier.internal.launch;

import dev.courier.ServiceSetup;
import dev.courier.api.OperationHandler;
import dev.courier.task.TaskClient;
import dev.courier.internal.task.TaskRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Collects what a service binds during {@code setup}; the node then deploys from it. */
final class NodeSetup implements ServiceSetup {

  private final Vertx vertx;
  private final Redis redis;
  private final JsonObject settings;
  private final TaskRegistry registry;
  private final TaskClient taskClient;
  private final Map<String, OperationHandler> operations = new LinkedHashMap<>();

  NodeSetup(Vertx vertx, Redis redis, JsonObject settings, TaskRegistry registry, TaskClient taskClient) {
    this.vertx = vertx;
    this.redis = redis;
    this.settings = settings.copy();
    this.registry = registry;
    this.taskClient = taskClient;
  }

  @Override
  public ServiceSetup tasks(Object bean) {
    registry.register(Objects.requireNonNull(bean, "'bean' cannot be null"));
    return this;
  }

  @Override
  public TaskClient taskClient() {
    return taskClient;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Redis redis() {
    return redis;
  }

  @Override
  public JsonObject settings() {
    return settings.copy();
  }

  @Override
  public ServiceSetup operation(String operationId, OperationHandler handler) {
    Objects.requireNonNull(operationId, "'operationId' cannot be null");
    Objects.requireNonNull(handler, "'handler' cannot be null");
    if (operations.putIfAbsent(operationId, handler) != null) {
      throw new IllegalStateException("operation '" + operationId + "' is bound twice");
    }
    return this;
  }

  Map<String, OperationHandler> operations() {
    return Map.copyOf(operations);
  }
}
