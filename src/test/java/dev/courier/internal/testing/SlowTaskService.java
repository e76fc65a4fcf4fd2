package dev.courier.internal.testing;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.context.CallContext;
import dev.courier.api.Reply;
import dev.courier.task.AsyncTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.util.List;

/**
 * A service over test-ops.yaml with one task, {@code slow(id, firstRunMillis)}: it counts its starts and finishes in
 * Redis (so runs in other processes are counted too), waits {@code firstRunMillis} on a timer in its first attempt
 * (10 ms in later ones) and records which node finished it.
 */
public final class SlowTaskService implements CourierService {

  private final String nodeName;

  public SlowTaskService(String nodeName) {
    this.nodeName = nodeName;
  }

  @Override
  public String contract() {
    return "openapi/test-ops.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    String prefix = setup.settings().getString("keyPrefix");
    setup.tasks(new SlowTasks(setup.vertx(), RedisAPI.api(setup.redis()), prefix, nodeName))
      .operation("adminStats", r -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("boom", r -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("liar", r -> Future.succeededFuture(Reply.ok(new JsonObject().put("count", 1))));
  }

  /** Keys where the runs of task {@code id} are counted. */
  public static String starts(String prefix) {
    return prefix + ":test:starts";
  }

  public static String finishes(String prefix) {
    return prefix + ":test:finishes";
  }

  public static String finishedBy(String prefix) {
    return prefix + ":test:finished-by";
  }

  /** The task bean. */
  public static final class SlowTasks {
    private final Vertx vertx;
    private final RedisAPI redis;
    private final String prefix;
    private final String nodeName;

    SlowTasks(Vertx vertx, RedisAPI redis, String prefix, String nodeName) {
      this.vertx = vertx;
      this.redis = redis;
      this.prefix = prefix;
      this.nodeName = nodeName;
    }

    @AsyncTask(name = "slow")
    public Future<Void> slow(String id, long firstRunMillis) {
      long wait = CallContext.current().attempt() == 1 ? firstRunMillis : 10;
      return redis.hincrby(starts(prefix), id, "1")
        .compose(v -> vertx.timer(Math.max(1, wait)))
        .compose(v -> redis.hincrby(finishes(prefix), id, "1"))
        .compose(v -> redis.hset(List.of(finishedBy(prefix), id, nodeName)))
        .mapEmpty();
    }
  }
}
