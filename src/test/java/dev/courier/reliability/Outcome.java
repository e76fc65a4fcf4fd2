package dev.courier.reliability;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What became of the accepted tasks of an {@link OutboxTaskService} run: accepted ids without an outbox entry
 * (lost so far), ids whose effect was applied more than once, how many runs the task bodies made, and how many
 * effects were applied in all.
 *
 * @param lost accepted ids with no effect
 * @param duplicated accepted ids whose effect was applied more than once
 * @param runs task body runs (a redelivered task runs again)
 * @param effects effects the outbox let through (each at most once per id)
 */
public record Outcome(List<String> lost, List<String> duplicated, long runs, long effects) {

  /** Checks every id (in batches, on the caller's thread). */
  public static Outcome check(Redis redis, String prefix, Set<String> accepted) throws Exception {
    RedisAPI api = RedisAPI.api(redis);
    List<String> ids = new ArrayList<>(accepted);
    List<String> lost = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + 500));
      List<Future<Response>> gets = new ArrayList<>();
      for (String id : batch) {
        gets.add(api.get(OutboxTaskService.appliedKey(prefix, id)));
      }
      Future.all(gets).await(60, TimeUnit.SECONDS);
      for (int i = 0; i < batch.size(); i++) {
        Response applied = gets.get(i).result();
        if (applied == null) {
          lost.add(batch.get(i));
        } else if (applied.toInteger() > 1) {
          duplicated.add(batch.get(i));
        }
      }
    }
    return new Outcome(lost, duplicated, counter(api, OutboxTaskService.runsKey(prefix)),
      counter(api, OutboxTaskService.effectsKey(prefix)));
  }

  /** Checks until nothing is lost or {@code limit} passes; the last check is returned either way. */
  public static Outcome awaitAll(Redis redis, String prefix, Set<String> accepted, Duration limit)
    throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    Outcome outcome = check(redis, prefix, accepted);
    while (!outcome.lost.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      outcome = check(redis, prefix, accepted);
    }
    return outcome;
  }

  private static long counter(RedisAPI api, String key) throws Exception {
    Response value = api.get(key).await(30, TimeUnit.SECONDS);
    return value == null ? 0 : value.toLong();
  }
}
