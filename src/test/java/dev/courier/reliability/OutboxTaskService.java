package dev.courier.reliability;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.context.CallContext;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.util.List;

/**
 * {@code POST /v1/emails} fires {@code deliver(to)}, whose side effect goes through an outbox keyed by task id: one
 * script writes {@code <prefix>:fx:{<id>}} unless it exists and, only then, counts the effect as applied in
 * {@code <prefix>:fxn:{<id>}} (same slot, so it works on a Cluster too). Every run is counted ({@code <prefix>:runs}),
 * and every applied effect once more in {@code <prefix>:effects}. A redelivered task shows up as a run that applied
 * nothing, a lost one as an accepted id with no count, a duplicate effect as a count above 1. Keys expire after
 * {@code service.effectTtlSeconds} (3600); they live in the node's Redis. With {@code service.taskMillis} above 0 a
 * run then waits that long on a timer before it returns: a slow task holds its lease and its slot without blocking a
 * thread, and its outcome needs Redis only at its end.
 */
public final class OutboxTaskService implements CourierService {

  private static final String APPLY_ONCE = "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then "
    + "redis.call('INCR', KEYS[2]) redis.call('EXPIRE', KEYS[2], ARGV[2]) return 1 end return 0";

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
    long taskMillis = setup.settings().getLong("taskMillis", 0L);
    setup.tasks(new Outbox(setup.vertx(), RedisAPI.api(setup.redis()), prefix, ttl, taskMillis));
    setup.operation("sendEmail", request -> deliver.fire(request.body(JsonObject.class).getString("to"))
      .map(receipt -> Reply.accepted(new JsonObject().put("task_id", receipt.taskId()))));
  }

  public static String effectKey(String prefix, String taskId) {
    return prefix + ":fx:{" + taskId + "}";
  }

  /** How many times the effect of task {@code taskId} was applied: 1, or missing if never. */
  public static String appliedKey(String prefix, String taskId) {
    return prefix + ":fxn:{" + taskId + "}";
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
    private final Vertx vertx;
    private final long taskMillis;

    Outbox(Vertx vertx, RedisAPI redis, String prefix, String ttlSeconds, long taskMillis) {
      this.vertx = vertx;
      this.taskMillis = taskMillis;
      this.redis = redis;
      this.prefix = prefix;
      this.ttlSeconds = ttlSeconds;
    }

    @AsyncTask(name = "deliver", maxAttempts = MAX_ATTEMPTS)
    public Future<Void> deliver(String to) {
      String id = CallContext.current().taskId();
      return redis.incr(runsKey(prefix))
        .compose(v -> redis.eval(List.of(APPLY_ONCE, "2", effectKey(prefix, id), appliedKey(prefix, id), to,
          ttlSeconds)))
        .compose(applied -> applied.toInteger() == 1 ? redis.incr(effectsKey(prefix)) : Future.succeededFuture())
        .compose(v -> taskMillis > 0 ? vertx.timer(taskMillis) : Future.succeededFuture())
        .mapEmpty();
    }
  }
}
