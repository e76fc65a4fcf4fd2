package dev.courier.reliability;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.context.CallContext;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.util.List;

/**
 * {@code POST /v1/emails} fires {@code deliver(to)}, whose side effect goes through an outbox keyed by task id:
 * {@code SET <prefix>:fx:{<id>} <to> NX EX <service.effectTtlSeconds, 3600>}. Every run is counted ({@code <prefix>:runs}) and so is every
 * effect that really happened ({@code <prefix>:effects}, only when the SET wrote), so a redelivered task shows up as
 * a run without an effect, and a lost one as an accepted id with no outbox key. The keys live in the node's Redis.
 */
public final class OutboxTaskService implements CourierService {

  /** Attempts are many: a task whose run meets a Redis outage retries rather than being buried. */
  static final int MAX_ATTEMPTS = 25;

  @Override
  public String contract() {
    return "openapi/test-emails.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    String prefix = setup.settings().getString("keyPrefix");
    String ttl = Long.toString(setup.settings().getLong("effectTtlSeconds", 3600L));
    TaskCall.Of1<String> deliver = setup.taskClient().call(Outbox::deliver);
    setup.tasks(new Outbox(RedisAPI.api(setup.redis()), prefix, ttl));
    setup.operation("sendEmail", request -> deliver.fire(request.body(JsonObject.class).getString("to"))
      .map(receipt -> Reply.accepted(new JsonObject().put("task_id", receipt.taskId()))));
  }

  public static String effectKey(String prefix, String taskId) {
    return prefix + ":fx:{" + taskId + "}";
  }

  public static String runsKey(String prefix) {
    return prefix + ":runs";
  }

  public static String effectsKey(String prefix) {
    return prefix + ":effects";
  }

  /** The task bean. */
  public static final class Outbox {
    private final RedisAPI redis;
    private final String prefix;
    private final String ttlSeconds;

    Outbox(RedisAPI redis, String prefix, String ttlSeconds) {
      this.redis = redis;
      this.prefix = prefix;
      this.ttlSeconds = ttlSeconds;
    }

    @AsyncTask(name = "deliver", maxAttempts = MAX_ATTEMPTS)
    public Future<Void> deliver(String to) {
      String id = CallContext.current().taskId();
      return redis.incr(runsKey(prefix))
        .compose(v -> redis.set(List.of(effectKey(prefix, id), to, "NX", "EX", ttlSeconds)))
        .compose(written -> written == null ? Future.succeededFuture() : redis.incr(effectsKey(prefix)))
        .mapEmpty();
    }
  }
}
