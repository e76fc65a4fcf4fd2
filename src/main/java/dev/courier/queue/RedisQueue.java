package dev.courier.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The one gateway between Courier and Redis for one queue: it stores tasks ({@code enqueue}), hands deliveries
 * from the {@code ready} stream to workers ({@code read}, {@code start}, {@code renew}), finishes them
 * ({@code complete}, {@code retry}, {@code bury}) and runs the background moves ({@code promoteDue} delayed ->
 * ready, {@code reclaimExpired} expired lease -> ready). Each move is one atomic Lua script. Every method is
 * non-blocking; time is passed in ({@code nowMs}) so callers and tests control the clock.
 */
public final class RedisQueue {

  /** Retention of a dead stub created by {@link #start(Claim, long)} for an unknown id: 7 days. */
  public static final long DEFAULT_DEAD_RETENTION_MS = 7L * 24 * 3600 * 1000;
  /** The consumer that holds expired entries while {@link #reclaimExpired} re-queues them. */
  static final String RECOVERER = "courier-recoverer";

  private final Redis redis;
  private final QueueKeys keys;
  private final QueueScripts scripts;
  private final Enqueuer enqueuer = new Enqueuer(this::enqueueMany);

  private RedisQueue(Redis redis, QueueKeys keys, QueueScripts scripts) {
    this.redis = redis;
    this.keys = keys;
    this.scripts = scripts;
  }

  /** Loads the scripts and creates the consumer group (and the stream) if they do not exist yet. */
  public static Future<RedisQueue> open(Redis redis, QueueKeys keys) {
    Objects.requireNonNull(redis, "'redis' cannot be null");
    Objects.requireNonNull(keys, "'keys' cannot be null");
    return QueueScripts.load(redis)
        .compose(scripts -> createGroup(redis, keys).map(v -> new RedisQueue(redis, keys, scripts)));
  }

  public QueueKeys keys() {
    return keys;
  }

  /**
   * Stores a task: into {@code ready} if due at {@code nowMs}, else into {@code delayed} (and wakes promoters). True
   * once stored. The id must be new (a ULID minted for this task): an existing id is not checked, it is overwritten.
   */
  public Future<Boolean> enqueue(NewTask t, long nowMs) {
    return scripts.run(QueueScript.ENQUEUE, List.of(keys.ready(), keys.delayed(), keys.task(t.id())),
        List.of(t.id(), t.task(), t.subject() == null ? "" : t.subject(), t.envelope(), str(t.enqueuedAtMs()),
            str(t.dueAtMs()), str(t.maxAttempts()), str(nowMs), keys.wakeChannel()))
        .map(RedisQueue::isOne);
  }

  /**
   * Stores new tasks as {@link #enqueue} does, coalesced with the other tasks being stored on this node at the same
   * time into as few script calls as possible ({@link Enqueuer}). A task is due when its due time is not after its
   * enqueued time. Up to 1,000 tasks are stored atomically; a longer list is split into atomic parts.
   */
  public Future<Void> enqueueAll(List<NewTask> tasks) {
    Objects.requireNonNull(tasks, "'tasks' cannot be null");
    return tasks.isEmpty() ? Future.succeededFuture() : enqueuer.submit(tasks);
  }

  /** One {@code enqueueMany} script call: stores up to {@link Enqueuer#MAX_BATCH} new tasks atomically. */
  public Future<Void> enqueueMany(List<NewTask> tasks) {
    if (tasks.size() > Enqueuer.MAX_BATCH) {
      throw new IllegalArgumentException("at most " + Enqueuer.MAX_BATCH + " tasks per call, got " + tasks.size());
    }
    List<String> args = new ArrayList<>(2 + 7 * tasks.size());
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
    }
    return scripts.run(QueueScript.ENQUEUE_MANY, List.of(keys.ready(), keys.delayed()), args).mapEmpty();
  }

  /**
   * Reads up to {@code count} new deliveries for {@code consumer}, blocking up to {@code blockMs}. Must get a
   * DEDICATED connection ({@code redis.connect()}): a blocking read would pin a pooled one. Empty list on timeout.
   * If the group vanished (Redis restarted without persistence) it is recreated and the read returns empty.
   */
  public Future<List<Claim>> read(RedisConnection conn, String consumer, int count, long blockMs) {
    Request req = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(keys.group()).arg(consumer)
        .arg("COUNT").arg(count).arg("BLOCK").arg(blockMs).arg("STREAMS").arg(keys.ready()).arg(">");
    return conn.send(req).map(Replies::claims)
        .recover(err -> isNoGroup(err) ? createGroup(redis, keys).map(v -> List.of()) : Future.failedFuture(err));
  }

  /** {@link #start(Claim, long, long)} with {@link #DEFAULT_DEAD_RETENTION_MS}. */
  public Future<Started> start(Claim c, long nowMs) {
    return start(c, nowMs, DEFAULT_DEAD_RETENTION_MS);
  }

  /**
   * Marks the claimed task running and returns its envelope and attempt number. Returns {@code null} when it must
   * not run: the id has no hash (then it is buried as "unknown task id", never dropped) or the delivery is stale.
   */
  public Future<Started> start(Claim c, long nowMs, long deadRetentionMs) {
    return scripts.run(QueueScript.START, List.of(keys.ready(), keys.dead(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), c.taskId(), str(nowMs), str(deadRetentionMs)))
        .map(r -> {
          if (r.type() == ResponseType.NUMBER) {
            return null; // -1 unknown id (buried) or -2 stale delivery (dropped): nothing to run either way
          }
          if (r.size() != 3) {
            throw QueueException.unexpectedReply("start", r);
          }
          return new Started(c.taskId(), c.entryId(), r.get(0).toString(), r.get(1).toInteger(), r.get(2).toInteger());
        });
  }

  /** Renews the lease on a running delivery by resetting its idle time; false if the entry is no longer pending. */
  public Future<Boolean> renew(String consumer, Claim c) {
    Request req = Request.cmd(Command.XCLAIM).arg(keys.ready()).arg(keys.group()).arg(consumer).arg(0)
        .arg(c.entryId()).arg("JUSTID");
    return redis.send(req).map(r -> r != null && r.size() > 0);
  }

  /** Acknowledges the delivery and marks the task succeeded (its hash expires after {@code retentionMs}). */
  public Future<Boolean> complete(Claim c, long nowMs, long retentionMs) {
    return scripts.run(QueueScript.COMPLETE, List.of(keys.ready(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), str(nowMs), str(retentionMs)))
        .map(RedisQueue::isOne);
  }

  /** Acknowledges the delivery and schedules another attempt at {@code dueAtMs} with {@code newEnvelope}. */
  public Future<Boolean> retry(Claim c, String newEnvelope, long dueAtMs, String error, long nowMs) {
    return scripts.run(QueueScript.RETRY, List.of(keys.ready(), keys.delayed(), keys.task(c.taskId())),
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

  /** Moves up to {@code limit} due tasks from {@code delayed} to {@code ready}; returns the next due time or -1. */
  public Future<Long> promoteDue(long nowMs, int limit) {
    return scripts.run(QueueScript.PROMOTE_DUE, List.of(keys.ready(), keys.delayed()),
        List.of(str(nowMs), str(limit), keys.taskPrefix()))
        .map(Response::toLong);
  }

  /** Earliest due time in {@code delayed} (epoch ms), or -1 if it is empty. */
  public Future<Long> nextDue() {
    return redis.send(Request.cmd(Command.ZRANGE).arg(keys.delayed()).arg(0).arg(0).arg("WITHSCORES"))
        .map(r -> {
          if (r == null || r.size() == 0) {
            return -1L;
          }
          // RESP3 nests [member, score] pairs; RESP2 is flat [member, score]
          Response score = r.get(0).type() == ResponseType.MULTI ? r.get(0).get(1) : r.get(1);
          return (long) Double.parseDouble(score.toString());
        });
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
    return scripts.run(QueueScript.RECLAIM_EXPIRED, List.of(keys.ready()),
        List.of(keys.group(), RECOVERER, str(minIdleMs), str(limit), keys.taskPrefix(), cursor))
        .map(r -> new Reclaimed(r.get(0).toInteger(), r.get(1).toString()))
        .recover(err -> isNoGroup(err)
            ? createGroup(redis, keys).map(v -> new Reclaimed(0, Reclaimed.START))
            : Future.failedFuture(err));
  }

  /** The task's current fields, or {@code null} if it has no hash (never stored, or expired after retention). */
  public Future<TaskStatus> status(String taskId) {
    return redis.send(Request.cmd(Command.HGETALL).arg(keys.task(taskId)))
        .map(r -> Replies.status(taskId, keys.queue(), r));
  }

  /** Current sizes of the queue (four reads in one round trip; not an atomic snapshot). */
  public Future<QueueCounts> counts() {
    return redis.batch(List.of(Request.cmd(Command.XLEN).arg(keys.ready()),
            Request.cmd(Command.XPENDING).arg(keys.ready()).arg(keys.group()),
            Request.cmd(Command.ZCARD).arg(keys.delayed()), Request.cmd(Command.ZCARD).arg(keys.dead())))
        .map(r -> {
          long length = r.get(0).toLong();
          long pending = r.get(1) == null || r.get(1).size() == 0 ? 0 : r.get(1).get(0).toLong();
          return new QueueCounts(Math.max(0, length - pending), pending, r.get(2).toLong(), r.get(3).toLong());
        });
  }

  /**
   * Subscribes a new dedicated connection to the wake channel and calls {@code onDue} with each published due time.
   * The Future completes once Redis confirmed the subscription; the caller closes the connection.
   */
  public Future<RedisConnection> subscribeWake(Redis redis, LongConsumer onDue) {
    return redis.connect().compose(conn -> {
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

  private static Future<Void> createGroup(Redis redis, QueueKeys keys) {
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
