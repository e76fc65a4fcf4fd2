package dev.courier.internal.queue;

import dev.courier.internal.redis.DeadlineRedis;
import dev.courier.task.TaskStatus;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The one gateway between Courier and Redis for one queue: it stores tasks ({@code enqueue}), hands deliveries
 * from the {@code ready} stream to workers ({@code claim}, {@code awaitNew}, {@code renew}), finishes them
 * ({@code complete}, {@code retry}, {@code bury}, {@code release}) and runs the background moves ({@code promoteDue} delayed ->
 * ready, {@code reclaimExpired} expired lease -> ready). Each move is one atomic Lua script. Every method is
 * non-blocking; time is passed in ({@code nowMs}) so callers and tests control the clock, except where nodes must
 * agree: lease expiry ({@code reclaimExpired}) and due times ({@code promoteDue}) are judged by Redis's clock.
 *
 * <p>A hub: opening the queue wires its parts, and each method hands over to the part that does that job, where it is
 * documented in full: the fire side ({@link TaskStore}), the worker side ({@link Deliveries}), the delayed side
 * ({@link DelayedTasks}), the reads ({@link StatusReads}) and the consumer group ({@link ConsumerGroup}).
 */
public final class RedisQueue implements WorkQueue {

  private final Redis redis;
  private final QueueKeys keys;
  private final QueueScripts scripts;
  private final QueueMarker marker;
  private final TaskStore store;
  private final Deliveries deliveries;
  private final DelayedTasks delayed;
  private final StatusReads reads;

  private RedisQueue(Redis redis, QueueKeys keys, QueueScripts scripts, ReplicaAck ack, DataLossLog losses) {
    this.redis = redis;
    this.keys = keys;
    this.scripts = scripts;
    this.marker = new QueueMarker(redis, keys, losses);
    this.store = new TaskStore(keys, scripts, ack, marker, DeadlineRedis.timeoutMs(redis));
    this.deliveries = new Deliveries(redis, keys, scripts, new ConsumerGroup(redis, keys, marker));
    this.delayed = new DelayedTasks(redis, keys, scripts);
    this.reads = new StatusReads(redis, keys);
  }

  /**
   * Checks the server is Redis 6.2 or later, loads the scripts and creates the consumer group (and the stream) if
   * they do not exist yet.
   */
  public static Future<RedisQueue> open(Redis redis, QueueKeys keys) {
    return open(redis, keys, ReplicaAck.NONE, DataLossLog.silent());
  }

  /**
   * As {@link #open(Redis, QueueKeys)}; fires wait for {@code ack}, and a loss of the queue's data (its group or
   * marker gone) is reported to {@code losses}.
   */
  public static Future<RedisQueue> open(Redis redis, QueueKeys keys, ReplicaAck ack, DataLossLog losses) {
    Objects.requireNonNull(redis, "'redis' cannot be null");
    Objects.requireNonNull(keys, "'keys' cannot be null");
    return RedisVersion.require(redis).compose(v -> QueueScripts.load(redis))
        .compose(scripts -> ConsumerGroup.create(redis, keys)
            .map(v -> new RedisQueue(redis, keys, scripts, ack, losses)))
        .compose(queue -> queue.marker.adopt().map(queue));
  }

  /**
   * Records {@code keyId} as the signing key id of the nodes under {@code prefix} and answers the id recorded before
   * it (null if none) in the same command ({@code SET ... GET}, Redis 6.2+).
   */
  public static Future<String> announceSigningKey(Redis redis, String prefix, String keyId) {
    return redis.send(Request.cmd(Command.SET).arg(QueueKeys.signingKeyId(prefix)).arg(keyId).arg("GET"))
        .map(r -> r == null ? null : r.toString());
  }

  /** The queue's marker: how this node finds out that Redis lost the queue's data. */
  public QueueMarker marker() {
    return marker;
  }

  @Override
  public QueueKeys keys() {
    return keys;
  }

  /** The operator's reads and moves of this queue (the admin API). */
  public QueueAdmin admin() {
    return new QueueAdmin(redis, keys, scripts, this);
  }

  // the fire side (TaskStore)

  /** Reports the tasks this node stored since {@code fromMs} that the master lacks; succeeds with how many. */
  public Future<Integer> auditFires(RedisConnection connection, long fromMs) {
    return store.auditFires(connection, fromMs);
  }

  /** Stores one task; false when its idempotency key already named a task. */
  public Future<Boolean> enqueue(NewTask t, long nowMs) {
    return store.enqueue(t, nowMs);
  }

  /** Stores new tasks, coalesced with the node's other fires into as few script calls as possible. */
  public Future<Enqueued> enqueueAll(List<NewTask> tasks) {
    return store.enqueueAll(tasks);
  }

  /** One {@code enqueueMany} script call for up to {@link Enqueuer#MAX_BATCH} new tasks. */
  public Future<Enqueued> enqueueMany(List<NewTask> tasks) {
    return store.enqueueMany(tasks);
  }

  // the worker side (Deliveries)

  /** Claims and starts up to {@code count} (at least 1) new deliveries for {@code consumer}. */
  public Future<Claimed> claim(String consumer, int count, long nowMs, long deadRetentionMs) {
    return deliveries.claim(consumer, count, nowMs, deadRetentionMs, List.of(), 0);
  }

  /** As {@link #claim(String, int, long, long)}, completing the {@code finished} deliveries first, in one call. */
  @Override
  public Future<Claimed> claim(String consumer, int count, long nowMs, long deadRetentionMs,
                               List<Completion> finished, long retentionMs) {
    return deliveries.claim(consumer, count, nowMs, deadRetentionMs, finished, retentionMs);
  }

  /** Waits on a DEDICATED connection for an entry after {@code fromId}, claiming nothing; true if one arrived. */
  @Override
  public Future<Boolean> awaitNew(RedisConnection conn, String fromId, long blockMs) {
    return deliveries.awaitNew(conn, fromId, blockMs);
  }

  /** Renews the leases of running deliveries of {@code consumer}; returns the entry ids still held. */
  @Override
  public Future<Set<String>> renew(String consumer, Collection<String> entryIds) {
    return deliveries.renew(consumer, entryIds);
  }

  /** Acknowledges finished deliveries and marks their tasks succeeded; says, in order, which were theirs to finish. */
  @Override
  public Future<List<Boolean>> complete(List<Completion> completions, long nowMs, long retentionMs) {
    return deliveries.complete(completions, nowMs, retentionMs);
  }

  /** Puts claimed deliveries that never started back in {@code ready}; returns how many went back. */
  @Override
  public Future<Integer> release(List<Claim> claims) {
    return deliveries.release(claims);
  }

  /** Puts a claimed delivery this node will not run back in {@code delayed} for another node; returns its due time. */
  @Override
  public Future<Long> defer(Claim c, long nowMs, long firstWaitMs, long maxWaitMs, double jitter, String why) {
    return deliveries.defer(c, nowMs, firstWaitMs, maxWaitMs, jitter, why);
  }

  /** Deletes idle group consumers without pending entries (only {@code consumer} if not null); returns how many. */
  @Override
  public Future<Integer> pruneConsumers(long minIdleMs, String consumer) {
    return deliveries.pruneConsumers(minIdleMs, consumer);
  }

  /** Acknowledges the delivery and schedules another attempt at {@code dueAtMs} with {@code newEnvelope}. */
  @Override
  public Future<Boolean> retry(Claim c, String newEnvelope, long dueAtMs, String error, long nowMs) {
    return deliveries.retry(c, newEnvelope, dueAtMs, error, nowMs);
  }

  /** Acknowledges the delivery and moves the task to {@code dead}; false if another delivery owns the task. */
  @Override
  public Future<Boolean> bury(Claim c, String reason, long nowMs, long retentionMs) {
    return deliveries.bury(c, reason, nowMs, retentionMs);
  }

  /** Re-queues up to {@code limit} deliveries idle for {@code minIdleMs}, scanning from the start; returns how many. */
  public Future<Integer> reclaimExpired(long minIdleMs, int limit) {
    return reclaimExpired(minIdleMs, limit, Reclaimed.START).map(Reclaimed::requeued);
  }

  /** One step of a scan of the pending list from {@code cursor} ({@link Reclaimed#START} to begin). */
  public Future<Reclaimed> reclaimExpired(long minIdleMs, int limit, String cursor) {
    return reclaimExpired(minIdleMs, limit, cursor, -1);
  }

  /** As {@link #reclaimExpired(long, int, String)}, doing nothing once Redis's clock passed {@code notAfterRedisMs}. */
  @Override
  public Future<Reclaimed> reclaimExpired(long minIdleMs, int limit, String cursor, long notAfterRedisMs) {
    return deliveries.reclaimExpired(minIdleMs, limit, cursor, notAfterRedisMs);
  }

  // the delayed side (DelayedTasks)

  /**
   * Moves up to {@code limit} tasks due by Redis's clock to {@code ready}; returns the next due time in the caller's
   * clock ({@code nowMs} + how long Redis's clock has to go), or -1.
   */
  @Override
  public Future<Long> promoteDue(long nowMs, int limit) {
    return delayed.promoteDue(nowMs, limit);
  }

  /** Earliest due time in {@code delayed} and {@code retrying} (epoch ms), or -1 if both are empty. */
  public Future<Long> nextDue() {
    return delayed.nextDue();
  }

  /** Subscribes a new dedicated connection to the wake channel; {@code onDue} gets each published due time. */
  public Future<RedisConnection> subscribeWake(Redis redis, LongConsumer onDue) {
    return delayed.subscribeWake(redis::connect, onDue);
  }

  /** As {@link #subscribeWake(Redis, LongConsumer)}, on the connection {@code connect} opens. */
  @Override
  public Future<RedisConnection> subscribeWake(Supplier<Future<RedisConnection>> connect, LongConsumer onDue) {
    return delayed.subscribeWake(connect, onDue);
  }

  // reads (StatusReads)

  /** @return Redis's own clock, in ms ({@code TIME}) */
  @Override
  public Future<Long> redisTimeMs() {
    return reads.redisTimeMs();
  }

  @Override
  public Future<Long> lastDataLoss() {
    return marker.check().otherwiseEmpty().map(v -> marker.lastLossAtMs());
  }

  /** The task's status, or {@code null} if it has no hash; a damaged field never fails the read. */
  public Future<TaskStatus> status(String taskId) {
    return reads.status(taskId);
  }

  /** The task's status with its sealed envelope, or {@code null} if it has no hash. */
  public Future<TaskRecord> statusWithEnvelope(String taskId) {
    return reads.statusWithEnvelope(taskId);
  }

  /** Current sizes of the queue (five reads in one round trip; not an atomic snapshot). */
  public Future<QueueCounts> counts() {
    return reads.counts();
  }
}
