package dev.courier.internal.testing;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.task.TaskStatus;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A service over test-ops.yaml (trivial handlers) whose only purpose is to register the given task beans. */
public final class TaskTestService implements CourierService {

  private final Object[] beans;

  public TaskTestService(Object... beans) {
    this.beans = beans;
  }

  @Override
  public String contract() {
    return "openapi/test-ops.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    setup
      .operation("adminStats", request -> Future.succeededFuture(Reply.ok(new JsonObject().put("users", 0))))
      .operation("boom", request -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("liar", request -> Future.succeededFuture(Reply.ok(new JsonObject())));
    for (Object bean : beans) {
      setup.tasks(bean);
    }
  }

  /** The node's default queue, read directly. */
  public static RedisQueue queue(TestNode app) {
    return new Queues(app.node.redis(), app.prefix).get("default").await();
  }

  public static TaskStatus status(TestNode app, String taskId) {
    return queue(app).status(taskId).await();
  }
}
