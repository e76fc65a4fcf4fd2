package dev.courier.internal.testing;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.task.AsyncTask;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;


/**
 * A service over test-ops.yaml with one task, {@code outbox(token)}, that counts its runs per token in a Redis of
 * its own (the outbox): one that a failover of the queue's Redis cannot touch. Whether every accepted task ran, and
 * how often, is read from there ({@link #RUNS}).
 */
public final class OutboxService implements CourierService {

  /** HASH token -> runs, in the outbox Redis. */
  public static final String RUNS = "outbox:runs";

  private final String outboxUrl;

  public OutboxService(String outboxUrl) {
    this.outboxUrl = outboxUrl;
  }

  @Override
  public String contract() {
    return "openapi/test-ops.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    RedisAPI outbox = RedisAPI.api(Redis.createClient(setup.vertx(), outboxUrl));
    setup.tasks(new OutboxTasks(outbox))
      .operation("adminStats", r -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("boom", r -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("liar", r -> Future.succeededFuture(Reply.ok(new JsonObject().put("count", 1))));
  }

  /** The task bean. */
  public static final class OutboxTasks {
    private final RedisAPI outbox;

    OutboxTasks(RedisAPI outbox) {
      this.outbox = outbox;
    }

    @AsyncTask(name = "outbox")
    public Future<Void> outbox(String token) {
      return outbox.hincrby(RUNS, token, "1").mapEmpty();
    }
  }
}
