package dev.courier.internal.testing;

import dev.courier.internal.queue.Queues;
import dev.courier.task.TaskStatus;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;


/** Reads task state and run counts for assertions, from the test thread. */
public final class TaskProbe {

  private final TestNode app;

  public TaskProbe(TestNode app) {
    this.app = app;
  }

  public TaskStatus status(String taskId) {
    return new Queues(app.node.redis(), app.prefix).get("default").compose(q -> q.status(taskId))
      .await();
  }

  public String state(String taskId) {
    TaskStatus status = status(taskId);
    return status == null ? "none" : status.state().wireName();
  }

  public int count(String hash, String field) {
    Response value = RedisAPI.api(app.node.redis()).hget(hash, field).await();
    return value == null ? 0 : value.toInteger();
  }

  public String get(String hash, String field) {
    Response value = RedisAPI.api(app.node.redis()).hget(hash, field).await();
    return value == null ? null : value.toString();
  }
}
