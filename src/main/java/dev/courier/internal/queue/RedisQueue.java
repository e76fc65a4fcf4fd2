package dev.courier.internal.queue;

import dev.courier.task.TaskStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * non-blocking; time is passed in ({@code nowMs}) so callers and tests control the clock.
 */
public final class RedisQueue {

  /** The consumer that holds expired entries while {@link #reclaimExpired} re-queues them. */
  static final String RECOVERER = "courier-recoverer";

  private final Redis redis;
  private final QueueKeys keys;
  private final QueueScripts scripts;
  private final RecentFires recent = new RecentFires();
  // a repeat of an idempotency key stored nothing, so a failover cannot lose it: the audit must not look for it
  private final Enqueuer enqueuer = new Enqueuer(tasks -> enqueueMany(tasks).onSuccess(answer -> recent.stored(
      tasks.stream().filter(t -> answer.earlierOf(t.id()) == null).toList(), System.currentTimeMillis())));
  private final ReplicaAck ack;
  private final QueueMarker marker;

  private RedisQueue(Redis redis, QueueKeys keys, QueueScripts scripts, ReplicaAck ack, DataLossLog losses) {
    this.redis = redis;
    this.keys = keys;
    this.scripts = scripts;
    this.ack = ack;
    this.marker = new QueueMarker(redis, keys, losses);
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
        .compose(scripts -> createGroup(redis, keys).map(v -> new RedisQueue(redis, keys, scripts, ack, losses)))
        .compose(queue -> queue.marker.adopt().map(queue));
  }

  /**
   * Looks up, on the master {@code connection} is on, the tasks this node stored since {@code fromMs}; reports those
   * missing as lost (a failover to a replica that had not received them). Succeeds with how many were missing.
   */
  public Future<Integer> auditFires(RedisConnection connection, long fromMs) {
    return FireAudit.run(connection, keys, recent.since(fromMs), marker);
  }

  /** The queue's marker: how this node finds out that Redis lost the queue's data. */
  public QueueMarker marker() {
    return marker;
  }

  public QueueKeys keys() {
    return keys;
  }

  /** The operator's reads and moves of this queue (the admin API). */
  public QueueAdmin admin() {
    return new QueueAdmin(redis, keys, scripts, this);
  }

  /**
   * Stores a task: into {@code ready} if due at {@code nowMs}, else into {@code delayed} (and wakes promoters). True
   * once stored; false when its idempotency key already named a task (nothing stored). The id must be new (a ULID
   * minted for this task): an existing id is not checked, it is overwritten.
   */
  public Future<Boolean> enqueue(NewTask t, long nowMs) {
    boolean keyed = t.key() != null;
    return scripts.run(QueueScript.ENQUEUE, List.of(keys.ready(), keys.delayed(), keys.task(t.id())),
        List.of(t.id(), t.task(), t.subject() == null ? "" : t.subject(), t.envelope(), str(t.enqueuedAtMs()),
            str(t.dueAtMs()), str(t.maxAttempts()), str(nowMs), keys.wakeChannel(), keyName(t),
            keyed ? str(t.keyTtlMs()) : "", keyed ? keys.taskPrefix() : ""))
        .map(r -> r != null && r.type() == ResponseType.NUMBER && r.toLong() == 1L);
  }

  /**
   * Stores new tasks as {@link #enqueue} does, coalesced with the other tasks being stored on this node at the same
   * time into as few script calls as possible ({@link Enqueuer}). A task is due when its due time is not after its
   * enqueued time. Up to 1,000 tasks are stored atomically; a longer list is split into atomic parts. The answer names
   * the keyed tasks not stored because their key already named a task, here or on another node.
   */
  public Future<Enqueued> enqueueAll(List<NewTask> tasks) {
    Objects.requireNonNull(tasks, "'tasks' cannot be null");
    return tasks.isEmpty() ? Future.succeededFuture(Enqueued.ALL_STORED) : enqueuer.submit(tasks);
  }

  /**
   * One {@code enqueueMany} script call: stores up to {@link Enqueuer#MAX_BATCH} new tasks atomically, except those
   * whose idempotency key already names a task (the answer names them).
   */
  public Future<Enqueued> enqueueMany(List<NewTask> tasks) {
    if (tasks.size() > Enqueuer.MAX_BATCH) {
      throw new IllegalArgumentException("at most " + Enqueuer.MAX_BATCH + " tasks per call, got " + tasks.size());
    }
    List<String> args = new ArrayList<>(2 + 9 * tasks.size());
    args.add(keys.taskPrefix());
    args.add(keys.wakeChannel());
    for (NewTask t : tasks) {
      args.add(t.id());
      args.add(t.task());
      args.add(t.subject() == null ? "" : t.subject());
      args.add(t.envelope());
      args.add(str(t.enqueuedAtMs()));
      args.add(str(t.dueAtMs()));
      args.add(str(t.maxAttempts()));
      args.add(keyName(t));
      args.add(t.key() == null ? "" : str(t.keyTtlMs()));
    }
    return scripts.runAcknowledged(QueueScript.ENQUEUE_MANY, List.of(keys.ready(), keys.delayed()), args, ack,
        tasks.stream().map(NewTask::id).toList()).map(Replies::enqueued);
  }

  private String keyName(NewTask t) {
    return t.key() == null ? "" : keys.idempotency(t.task(), t.subject(), t.key());
  }

  /**
   * Claims up to {@code count} (at least 1) new deliveries for {@code consumer} and starts them in the same script
   * (attempt counted, state running): one round trip per batch, never blocking, so it may use the shared pool.
   * Deliveries that must not run are disposed of inside and not returned: an unknown id, a damaged hash or an entry
   * without an id is buried ({@link Claimed#buried()}), a stale one dropped. If the
   * group vanished (Redis restarted without its data) it is recreated and the result says to claim again.
   */
  public Future<Claimed> claim(String consumer, int count, long nowMs, long deadRetentionMs) {
    return claim(consumer, count, nowMs, deadRetentionMs, List.of(), 0);
  }

  /**
   * {@link #claim(String, int, long, long)}, completing the {@code finished} deliveries first in the same script call
   * (as {@link #complete} does, with {@code retentionMs}): a draining worker writes its outcomes and takes its next
   * batch in one round trip. {@link Claimed#completed()} says, in order, which of them were this delivery's to finish.
   */
  public Future<Claimed> claim(String consumer, int count, long nowMs, long deadRetentionMs,
                               List<Completion> finished, long retentionMs) {
    if (count < 1) {
      throw new IllegalArgumentException("claim at least 1 delivery, not " + count); // COUNT 0 would mean no limit
    }
    List<String> args = new ArrayList<>(7 + 2 * finished.size());
    args.addAll(List.of(keys.group(), consumer, str(count), str(nowMs), str(deadRetentionMs), keys.taskPrefix(),
        str(retentionMs)));
    finished.forEach(c -> c.addArgs(args));
    return scripts.run(QueueScript.CLAIM, List.of(keys.ready(), keys.dead(), keys.paused()), args)
        .map(Replies::claimed)
        .recover(err -> isNoGroup(err)
            ? groupVanished().map(v -> new Claimed(List.of(), null, List.of()))
            : Future.failedFuture(err));
  }

  /**
   * Waits on a DEDICATED connection until the stream holds an entry after {@code fromId} (the cursor of a claim that
   * came back short), or {@code blockMs} passes. It reads without the group, so it claims nothing: a wait cut short by
   * a closing node loses nothing. True when something arrived.
   */
  public Future<Boolean> awaitNew(RedisConnection conn, String fromId, long blockMs) {
    return conn.send(Request.cmd(Command.XREAD).arg("COUNT").arg(1).arg("BLOCK").arg(blockMs).arg("STREAMS")
        .arg(keys.ready()).arg(fromId)).map(r -> r != null && r.size() > 0);
  }

  /**
   * Renews the leases of running deliveries of {@code consumer} in one command (an idle time reset); returns the
   * entry ids still held. An id missing from the answer was reclaimed meanwhile: another worker may run it again.
   */
  public Future<Set<String>> renew(String consumer, Collection<String> entryIds) {
    Request req = Request.cmd(Command.XCLAIM).arg(keys.ready()).arg(keys.group()).arg(consumer).arg(0);
    entryIds.forEach(req::arg);
    return redis.send(req.arg("JUSTID")).map(r -> {
      Set<String> held = new HashSet<>();
      if (r != null) {
        r.forEach(id -> held.add(id.toString()));
      }
      return held;
    });
  }

  /**
   * Acknowledges finished deliveries and marks their tasks succeeded (storing their results, if any), in one script
   * call; the answer says, in order, whether each task was this delivery's to finish (false: another delivery owns
   * it, the outcome is lost).
   */
  public Future<List<Boolean>> complete(List<Completion> completions, long nowMs, long retentionMs) {
    List<String> args = new ArrayList<>(4 + 2 * completions.size());
    args.addAll(List.of(keys.group(), str(nowMs), str(retentionMs), keys.taskPrefix()));
    completions.forEach(c -> c.addArgs(args));
    return scripts.run(QueueScript.COMPLETE, List.of(keys.ready()), args).map(r -> {
      List<Boolean> owned = new ArrayList<>(r.size());
      r.forEach(one -> owned.add(one.toLong() == 1L));
      return owned;
    });
  }

  /** Puts claimed deliveries that never started back in {@code ready} at once; returns how many went back. */
  public Future<Integer> release(List<Claim> claims) {
    List<String> args = new ArrayList<>(2 + 2 * claims.size());
    args.addAll(List.of(keys.group(), keys.taskPrefix()));
    claims.forEach(c -> args.addAll(List.of(c.entryId(), c.taskId())));
    return scripts.run(QueueScript.RELEASE, List.of(keys.ready()), args).map(Response::toInteger);
  }

  /**
   * Puts a claimed delivery this node will not run (its envelope names a signing key the node does not hold) back in
   * {@code delayed}, unstarted and its attempt uncounted, for another node: it waits {@code firstWaitMs} times 2 per
   * earlier deferral of the task, at most {@code maxWaitMs}, times {@code jitter}. Returns the due time it waits for,
   * or 0 if another delivery owns the task.
   */
  public Future<Long> defer(Claim c, long nowMs, long firstWaitMs, long maxWaitMs, double jitter, String why) {
    return scripts.run(QueueScript.DEFER, List.of(keys.ready(), keys.delayed(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), c.taskId(), str(nowMs), str(firstWaitMs), str(maxWaitMs),
            Double.toString(jitter), why, keys.wakeChannel()))
        .map(Response::toLong);
  }

  /**
   * Deletes group consumers without pending entries that have been idle for {@code minIdleMs}; only {@code consumer}
   * when it is not null. Returns how many were deleted.
   */
  public Future<Integer> pruneConsumers(long minIdleMs, String consumer) {
    return scripts.run(QueueScript.PRUNE_CONSUMERS, List.of(keys.ready()),
        List.of(keys.group(), str(minIdleMs), consumer == null ? "" : consumer))
        .map(Response::toInteger)
        .recover(err -> isNoGroup(err) ? Future.succeededFuture(0) : Future.failedFuture(err));
  }

  /** Acknowledges the delivery and schedules another attempt at {@code dueAtMs} with {@code newEnvelope}. */
  public Future<Boolean> retry(Claim c, String newEnvelope, long dueAtMs, String error, long nowMs) {
    return scripts.run(QueueScript.RETRY, List.of(keys.ready(), keys.retrying(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), c.taskId(), newEnvelope, str(dueAtMs), error == null ? "" : error,
            str(nowMs), keys.wakeChannel()))
        .map(RedisQueue::isOne);
  }

  /** Acknowledges the delivery and moves the task to {@code dead}; false if another delivery owns the task. */
  public Future<Boolean> bury(Claim c, String reason, long nowMs, long retentionMs) {
    return scripts.run(QueueScript.BURY, List.of(keys.ready(), keys.dead(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), c.taskId(), reason == null ? "" : reason, str(nowMs), str(retentionMs)))
        .map(RedisQueue::isOne);
  }

  /**
   * Moves up to {@code limit} due tasks from {@code delayed} and {@code retrying} to {@code ready}; returns the next
   * due time or -1.
   */
  public Future<Long> promoteDue(long nowMs, int limit) {
    return scripts.run(QueueScript.PROMOTE_DUE, List.of(keys.ready(), keys.delayed(), keys.retrying()),
        List.of(str(nowMs), str(limit), keys.taskPrefix()))
        .map(Response::toLong);
  }

  /** Earliest due time in {@code delayed} and {@code retrying} (epoch ms), or -1 if both are empty. */
  public Future<Long> nextDue() {
    return redis.batch(List.of(first(keys.delayed()), first(keys.retrying()))).map(r -> {
      long next = -1;
      for (Response one : r) {
        long due = firstScore(one);
        if (due >= 0 && (next < 0 || due < next)) {
          next = due;
        }
      }
      return next;
    });
  }

  private static Request first(String zset) {
    return Request.cmd(Command.ZRANGE).arg(zset).arg(0).arg(0).arg("WITHSCORES");
  }

  private static long firstScore(Response r) {
    if (r == null || r.size() == 0) {
      return -1L;
    }
    // RESP3 nests [member, score] pairs; RESP2 is flat [member, score]
    Response score = r.get(0).type() == ResponseType.MULTI ? r.get(0).get(1) : r.get(1);
    return (long) Double.parseDouble(score.toString());
  }

  /**
   * Re-queues up to {@code limit} deliveries idle for at least {@code minIdleMs} as fresh entries. Workers renew
   * their leases with {@link #renew} while a task runs, so only entries of dead workers go idle that long. This
   * scans from the start of the pending list; see {@link #reclaimExpired(long, int, String)} to go on from a cursor.
   */
  public Future<Integer> reclaimExpired(long minIdleMs, int limit) {
    return reclaimExpired(minIdleMs, limit, Reclaimed.START).map(Reclaimed::requeued);
  }

  /**
   * One step of a scan of the pending list from {@code cursor} ({@link Reclaimed#START} to begin); the result says
   * how many were re-queued and where the next step goes on ({@link Reclaimed#done()} when the scan is complete).
   */
  public Future<Reclaimed> reclaimExpired(long minIdleMs, int limit, String cursor) {
    return reclaimExpired(minIdleMs, limit, cursor, -1);
  }

  /**
   * As {@link #reclaimExpired(long, int, String)}, but the step does nothing ({@link Reclaimed#late()}) if it reaches
   * Redis after Redis's clock passed {@code notAfterRedisMs} (no deadline when negative).
   */
  public Future<Reclaimed> reclaimExpired(long minIdleMs, int limit, String cursor, long notAfterRedisMs) {
    return scripts.run(QueueScript.RECLAIM_EXPIRED, List.of(keys.ready()),
        List.of(keys.group(), RECOVERER, str(minIdleMs), str(limit), keys.taskPrefix(), cursor,
          notAfterRedisMs < 0 ? "" : str(notAfterRedisMs)))
        .map(r -> new Reclaimed(r.get(0).toInteger(), r.get(1).toString(), r.get(2).toInteger() == 1, r.get(3).toLong()))
        .recover(err -> isNoGroup(err)
            ? groupVanished().map(v -> new Reclaimed(0, Reclaimed.START, false, -1))
            : Future.failedFuture(err));
  }

  /** @return Redis's own clock, in ms ({@code TIME}) */
  public Future<Long> redisTimeMs() {
    return redis.send(Request.cmd(Command.TIME))
        .map(r -> r.get(0).toLong() * 1000 + r.get(1).toLong() / 1000);
  }

  /**
   * The task's status, or {@code null} if it has no hash (never stored, or expired after retention). One
   * {@code HMGET}; a damaged field reads as a defined value, never as a failure ({@link StatusFields}).
   */
  public Future<TaskStatus> status(String taskId) {
    return redis.send(StatusFields.read(keys.task(taskId))).map(r -> StatusFields.status(taskId, keys.queue(), r));
  }

  /**
   * The task's status with its sealed envelope (for the caller to verify), or {@code null} if it has no hash. One
   * {@code HMGET}; a key that is not a hash reads as a record in state {@code UNKNOWN} saying so, never as a failure.
   */
  public Future<TaskRecord> statusWithEnvelope(String taskId) {
    return redis.send(TaskRecords.read(keys.task(taskId), true))
        .map(r -> TaskRecords.record(taskId, keys.queue(), r))
        .recover(err -> TaskRecords.isWrongType(err)
            ? Future.succeededFuture(TaskRecords.notAHash(taskId, keys.queue()))
            : Future.failedFuture(err));
  }

  /** Current sizes of the queue (five reads in one round trip; not an atomic snapshot). */
  public Future<QueueCounts> counts() {
    return redis.batch(List.of(Request.cmd(Command.XLEN).arg(keys.ready()),
            Request.cmd(Command.XPENDING).arg(keys.ready()).arg(keys.group()),
            Request.cmd(Command.ZCARD).arg(keys.delayed()), Request.cmd(Command.ZCARD).arg(keys.retrying()),
            Request.cmd(Command.ZCARD).arg(keys.dead())))
        .map(r -> {
          long length = r.get(0).toLong();
          long pending = r.get(1) == null || r.get(1).size() == 0 ? 0 : r.get(1).get(0).toLong();
          return new QueueCounts(Math.max(0, length - pending), pending, r.get(2).toLong(), r.get(3).toLong(),
              r.get(4).toLong());
        });
  }

  /**
   * Subscribes a new dedicated connection to the wake channel and calls {@code onDue} with each published due time.
   * The Future completes once Redis confirmed the subscription; the caller closes the connection.
   */
  public Future<RedisConnection> subscribeWake(Redis redis, LongConsumer onDue) {
    return subscribeWake(redis::connect, onDue);
  }

  /** As {@link #subscribeWake(Redis, LongConsumer)}, on the connection {@code connect} opens. */
  public Future<RedisConnection> subscribeWake(Supplier<Future<RedisConnection>> connect, LongConsumer onDue) {
    return connect.get().compose(conn -> {
      Promise<RedisConnection> subscribed = Promise.promise();
      conn.handler(msg -> {
        Long due = Replies.wakeDue(msg);
        if (due != null) {
          onDue.accept(due);
        } else if (Replies.isSubscribed(msg)) {
          subscribed.tryComplete(conn);
        }
      });
      conn.send(Request.cmd(Command.SUBSCRIBE).arg(keys.wakeChannel()))
          .onFailure(err -> conn.close().onComplete(v -> subscribed.tryFail(err)));
      return subscribed.future();
    });
  }

  /**
   * Records {@code keyId} as the signing key id of the nodes under {@code prefix} and answers the id recorded before
   * it (null if none) in the same command ({@code SET ... GET}, Redis 6.2+).
   */
  public static Future<String> announceSigningKey(Redis redis, String prefix, String keyId) {
    return redis.send(Request.cmd(Command.SET).arg(QueueKeys.signingKeyId(prefix)).arg(keyId).arg("GET"))
        .map(r -> r == null ? null : r.toString());
  }

  /** The group is gone: Redis lost the queue's data. Reported, then the group and a new marker are made again. */
  private Future<Void> groupVanished() {
    return marker.lost("its consumer group vanished (NOGROUP)").compose(v -> createGroup(redis, keys))
        .compose(v -> marker.adopt());
  }

  static Future<Void> createGroup(Redis redis, QueueKeys keys) {
    Request req = Request.cmd(Command.XGROUP).arg("CREATE").arg(keys.ready()).arg(keys.group()).arg("0")
        .arg("MKSTREAM");
    return redis.send(req).<Void>mapEmpty()
        .recover(err -> err.getMessage() != null && err.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(err));
  }

  private static boolean isNoGroup(Throwable err) {
    String m = err.getMessage();
    return m != null && (m.startsWith("NOGROUP") || m.contains("NOGROUP"));
  }

  private static boolean isOne(Response r) {
    return r != null && r.toLong() == 1L;
  }

  private static String str(long v) {
    return Long.toString(v);
  }
}
