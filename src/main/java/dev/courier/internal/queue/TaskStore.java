package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fire side of a queue: stores new tasks (one at a time, or coalesced by the {@link Enqueuer}) and remembers the
 * ones it stored ({@link RecentFires}) so a failover audit can tell which a new master lost. Kept apart from the
 * worker side because fires have their own batching, durability (replica acks) and audit.
 */
final class TaskStore {

  private final QueueKeys keys;
  private final QueueScripts scripts;
  private final ReplicaAck ack;
  private final QueueMarker marker;
  private final RecentFires recent = new RecentFires();
  // a repeat of an idempotency key stored nothing, so a failover cannot lose it: the audit must not look for it
  private final Enqueuer enqueuer;

  /** @param deadlineMs how long a coalesced fire waits to be stored (0: no deadline of its own) */
  TaskStore(QueueKeys keys, QueueScripts scripts, ReplicaAck ack, QueueMarker marker, long deadlineMs) {
    this.keys = keys;
    this.scripts = scripts;
    this.ack = ack;
    this.marker = marker;
    // the call of a fire waits for its replicas on top of its deadline (the same as its WAIT's)
    long fireDeadline = deadlineMs <= 0 ? 0 : deadlineMs + (ack.waits() ? ack.timeoutMs() : 0);
    this.enqueuer = new Enqueuer(tasks -> enqueueMany(tasks).onSuccess(answer -> recent.stored(
      tasks.stream().filter(t -> answer.earlierOf(t.id()) == null).toList(), System.currentTimeMillis())),
      fireDeadline);
  }

  /**
   * Stores a task: into {@code ready} if due at {@code nowMs}, else into {@code delayed} (and wakes promoters). True
   * once stored; false when its idempotency key already named a task (nothing stored). The id must be new (a ULID
   * minted for this task): an existing id is not checked, it is overwritten.
   */
  Future<Boolean> enqueue(NewTask t, long nowMs) {
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
  Future<Enqueued> enqueueAll(List<NewTask> tasks) {
    Objects.requireNonNull(tasks, "'tasks' cannot be null");
    return tasks.isEmpty() ? Future.succeededFuture(Enqueued.ALL_STORED) : enqueuer.submit(tasks);
  }

  /**
   * One {@code enqueueMany} script call: stores up to {@link Enqueuer#MAX_BATCH} new tasks atomically, except those
   * whose idempotency key already names a task (the answer names them).
   */
  Future<Enqueued> enqueueMany(List<NewTask> tasks) {
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

  /**
   * Looks up, on the master {@code connection} is on, the tasks this node stored since {@code fromMs}; reports those
   * missing as lost (a failover to a replica that had not received them). Succeeds with how many were missing.
   */
  Future<Integer> auditFires(RedisConnection connection, long fromMs) {
    return FireAudit.run(connection, keys, recent.since(fromMs), marker);
  }

  private String keyName(NewTask t) {
    return t.key() == null ? "" : keys.idempotency(t.task(), t.subject(), t.key());
  }

  private static String str(long v) {
    return Long.toString(v);
  }
}
