package dev.courier.reliability;

import dev.courier.internal.queue.QueueKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The test's own look into the Redis under a fault, straight to its port (never through the proxy): what became of
 * the accepted tasks, which task hashes sit in a state, when a task's effect appeared. Blocking, on the test thread.
 */
final class RedisLook implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  final Redis redis;
  private final RedisAPI api;

  private RedisLook(String url) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolWaiting(10_000));
    this.api = RedisAPI.api(redis);
  }

  static RedisLook at(String url) {
    return new RedisLook(url);
  }

  Outcome outcome(String prefix, Set<String> accepted, Duration limit) throws Exception {
    return Outcome.awaitAll(redis, prefix, accepted, limit);
  }

  /**
   * Waits (at most {@code limit}) until a task of {@code ids} (asked again at each look) has its effect applied, and
   * returns the ms from {@code fromMs} to then, or -1 if none had within the limit.
   */
  long firstEffect(String prefix, Supplier<List<String>> ids, long fromMs, Duration limit) throws Exception {
    long deadline = System.currentTimeMillis() + limit.toMillis();
    while (System.currentTimeMillis() < deadline) {
      List<String> some = ids.get();
      some = some.subList(0, Math.min(some.size(), 500));
      List<Future<Response>> gets = new ArrayList<>();
      some.forEach(id -> gets.add(api.get(OutboxTaskService.appliedKey(prefix, id))));
      Future.join(gets).await(10, TimeUnit.SECONDS);
      if (gets.stream().anyMatch(g -> g.succeeded() && g.result() != null)) {
        return System.currentTimeMillis() - fromMs;
      }
      Thread.sleep(20);
    }
    return -1;
  }

  /** Ids of the task hashes of {@code queue} whose state is {@code state} (a SCAN of every task hash). */
  List<String> inState(String prefix, String queue, String state) throws Exception {
    QueueKeys keys = new QueueKeys(prefix, queue);
    String base = keys.task("");
    List<String> found = new ArrayList<>();
    String cursor = "0";
    do {
      Response page = api.scan(List.of(cursor, "MATCH", base + "*", "COUNT", "1000")).await(30, TimeUnit.SECONDS);
      cursor = page.get(0).toString();
      List<String> batch = new ArrayList<>();
      page.get(1).forEach(k -> batch.add(k.toString()));
      List<Future<Response>> states = new ArrayList<>();
      batch.forEach(key -> states.add(api.hget(key, "state")));
      Future.all(states).await(30, TimeUnit.SECONDS);
      for (int i = 0; i < batch.size(); i++) {
        Response s = states.get(i).result();
        if (s != null && state.equals(s.toString())) {
          found.add(batch.get(i).substring(base.length()));
        }
      }
    } while (!"0".equals(cursor));
    return found;
  }

  /**
   * Waits (at most {@code limit}) until every task of {@code ids} is in {@code state}, and returns those that are
   * not (empty when all are).
   */
  List<String> awaitState(String prefix, String queue, Set<String> ids, String state, Duration limit)
    throws Exception {
    QueueKeys keys = new QueueKeys(prefix, queue);
    long deadline = System.currentTimeMillis() + limit.toMillis();
    List<String> left = new ArrayList<>(ids);
    while (true) {
      List<String> still = new ArrayList<>();
      for (int from = 0; from < left.size(); from += 1_000) {
        List<String> batch = left.subList(from, Math.min(left.size(), from + 1_000));
        List<Future<Response>> states = new ArrayList<>();
        batch.forEach(id -> states.add(api.hget(keys.task(id), "state")));
        Future.all(states).await(30, TimeUnit.SECONDS);
        for (int i = 0; i < batch.size(); i++) {
          Response s = states.get(i).result();
          if (s == null || !state.equals(s.toString())) {
            still.add(batch.get(i));
          }
        }
      }
      left = still;
      if (left.isEmpty() || System.currentTimeMillis() > deadline) {
        return left;
      }
      Thread.sleep(250);
    }
  }

  /** A task's {@code state} field, or null when its hash is gone. */
  String state(String prefix, String queue, String id) {
    Response s = api.hget(new QueueKeys(prefix, queue).task(id), "state").await();
    return s == null ? null : s.toString();
  }

  /** Whether the task still waits in the queue's delayed set. */
  boolean delayed(String prefix, String queue, String id) {
    return api.zscore(new QueueKeys(prefix, queue).delayed(), id).await() != null;
  }

  /** The highest score in a sorted set (the last due time of a delayed set), or -1 when it is empty. */
  long lastDelayedScore(String zset) {
    Response last = api.zrange(List.of(zset, "-1", "-1")).await(); // member only: WITHSCORES nests pairs in RESP3
    if (last == null || last.size() == 0) {
      return -1;
    }
    return (long) api.zscore(zset, last.get(0).toString()).await().toDouble().doubleValue();
  }

  long cardinality(String zset) {
    return api.zcard(zset).await().toLong();
  }

  long counter(String key) {
    Response value = api.get(key).await();
    return value == null ? 0 : value.toLong();
  }

  @Override
  public void close() {
    redis.close();
    vertx.close().await();
  }
}
