package dev.courier.internal.testing;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.task.AsyncTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;


/**
 * A service over test-ops.yaml with one task, {@code outbox(token)}, that takes {@code runMillis} (a timer) and counts
 * its runs per token in a Redis of its own (the outbox): one that a failover of the queue's Redis cannot touch.
 * Whether every accepted task ran, and how often, is read from there ({@link #RUNS}).
 */
public final class OutboxService implements CourierService {

  /** HASH token -> runs, in the outbox Redis. */
  public static final String RUNS = "outbox:runs";

  private final String outboxUrl;
  private final long runMillis;

  public OutboxService(String outboxUrl, long runMillis) {
    this.outboxUrl = outboxUrl;
    this.runMillis = runMillis;
  }

  @Override
  public String contract() {
    return "openapi/test-ops.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    RedisAPI outbox = RedisAPI.api(Redis.createClient(setup.vertx(), outboxUrl));
    setup.tasks(new OutboxTasks(setup.vertx(), outbox, runMillis))
      .operation("adminStats", r -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("boom", r -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("liar", r -> Future.succeededFuture(Reply.ok(new JsonObject().put("count", 1))));
  }

  /** The task bean. */
  public static final class OutboxTasks {
    private final Vertx vertx;
    private final RedisAPI outbox;
    private final long runMillis;

    OutboxTasks(Vertx vertx, RedisAPI outbox, long runMillis) {
      this.vertx = vertx;
      this.outbox = outbox;
      this.runMillis = runMillis;
    }

    @AsyncTask(name = "outbox")
    public Future<Void> outbox(String token) {
      Future<Void> ran = runMillis > 0 ? vertx.timer(runMillis).mapEmpty() : Future.succeededFuture();
      return ran.compose(v -> outbox.hincrby(RUNS, token, "1")).mapEmpty();
    }
  }
}
