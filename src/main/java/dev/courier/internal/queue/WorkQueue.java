package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisConnection;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * What the worker runtime needs of one queue: the seam between the runtime (dispatcher, completions, lease renewer,
 * watches, background duties) and Redis. {@link RedisQueue} is the one implementation in production; the runtime's
 * unit tests drive it through a fake, with an injected clock. Each method is one atomic move, documented on
 * {@link RedisQueue}; every future may fail (Redis unreachable, deadline passed) and the caller retries or backs off.
 */
public interface WorkQueue {

  QueueKeys keys();

  /** Completes {@code finished} (may be empty), then claims and starts up to {@code count} new deliveries. */
  Future<Claimed> claim(String consumer, int count, long nowMs, long deadRetentionMs, List<Completion> finished,
                        long retentionMs);

  /** Waits on a dedicated connection for an entry after {@code fromId}, claiming nothing; true if one arrived. */
  Future<Boolean> awaitNew(RedisConnection conn, String fromId, long blockMs);

  /** Renews the leases of running deliveries of {@code consumer}; returns the entry ids still held. */
  Future<Set<String>> renew(String consumer, Collection<String> entryIds);

  /** Acknowledges finished deliveries; says, in order, which were theirs to finish. */
  Future<List<Boolean>> complete(List<Completion> completions, long nowMs, long retentionMs);

  /** Puts claimed deliveries that never started back in {@code ready}; returns how many went back. */
  Future<Integer> release(List<Claim> claims);

  /** Puts a claimed delivery this node will not run back in {@code delayed}; returns its due time. */
  Future<Long> defer(Claim c, long nowMs, long firstWaitMs, long maxWaitMs, double jitter, String why);

  /** Deletes idle group consumers without pending entries (only {@code consumer} if not null); returns how many. */
  Future<Integer> pruneConsumers(long minIdleMs, String consumer);

  /** Acknowledges the delivery and schedules another attempt at {@code dueAtMs} with {@code newEnvelope}. */
  Future<Boolean> retry(Claim c, String newEnvelope, long dueAtMs, String error, long nowMs);

  /** Acknowledges the delivery and moves the task to {@code dead}; false if another delivery owns the task. */
  Future<Boolean> bury(Claim c, String reason, long nowMs, long retentionMs);

  /** One step of a scan for expired leases from {@code cursor}, doing nothing once Redis's clock passed the limit. */
  Future<Reclaimed> reclaimExpired(long minIdleMs, int limit, String cursor, long notAfterRedisMs);

  /**
   * Moves up to {@code limit} tasks due by Redis's clock to {@code ready}; returns the next due time in the caller's
   * clock ({@code nowMs} + how long Redis's clock has to go), or -1.
   */
  Future<Long> promoteDue(long nowMs, int limit);

  /** Subscribes the connection {@code connect} opens to the wake channel; {@code onDue} gets each due time. */
  Future<RedisConnection> subscribeWake(Supplier<Future<RedisConnection>> connect, LongConsumer onDue);

  /** @return Redis's own clock, in ms ({@code TIME}) */
  Future<Long> redisTimeMs();

  /**
   * Checks now whether Redis lost this queue's data (reporting a loss found); succeeds with when this node last found
   * one (epoch ms, wall clock), or -1 if it never did.
   */
  default Future<Long> lastDataLoss() {
    return Future.succeededFuture(-1L);
  }
}
