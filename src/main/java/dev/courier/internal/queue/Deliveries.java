package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The worker side of a queue: deliveries of the {@code ready} stream's consumer group from claim to finish (claim,
 * wait, renew the lease, complete, release, defer, retry, bury) and the sweeps that keep the group sound (re-queue
 * expired leases, prune idle consumers). Kept apart from the fire side: these all speak the group's protocol, and
 * all recover the same way when the group vanished ({@link ConsumerGroup}).
 */
final class Deliveries {

  /** The consumer that holds expired entries while {@link #reclaimExpired} re-queues them. */
  static final String RECOVERER = "courier-recoverer";

  /**
   * The most completions one script call carries. A script holds any number (it acks in slices), but one call is one
   * atomic step that blocks Redis meanwhile: a longer list goes as several calls, one after the other.
   */
  static final int MAX_COMPLETIONS = 1_000;

  private final Redis redis;
  private final QueueKeys keys;
  private final QueueScripts scripts;
  private final ConsumerGroup group;

  Deliveries(Redis redis, QueueKeys keys, QueueScripts scripts, ConsumerGroup group) {
    this.redis = redis;
    this.keys = keys;
    this.scripts = scripts;
    this.group = group;
  }

  /**
   * Claims up to {@code count} (at least 1) new deliveries for {@code consumer} and starts them in the same script
   * (attempt counted, state running): one round trip per batch, never blocking, so it may use the shared pool.
   * Deliveries that must not run are disposed of inside and not returned: an unknown id, a damaged hash or an entry
   * without an id is buried ({@link Claimed#buried()}), a stale one dropped. If the group vanished (Redis restarted
   * without its data) it is recreated and the result says to claim again. The {@code finished} deliveries are
   * completed first in the same script call (as {@link #complete} does, with {@code retentionMs}): a draining worker
   * writes its outcomes and takes its next batch in one round trip. {@link Claimed#completed()} says, in order, which
   * of them were this delivery's to finish. More than {@link #MAX_COMPLETIONS} go first in {@link #complete} calls, and
   * the last ones (at most that many) with the claim. Completions made before the claim found the group missing are
   * answered as made.
   */
  Future<Claimed> claim(String consumer, int count, long nowMs, long deadRetentionMs,
                        List<Completion> finished, long retentionMs) {
    if (count < 1) {
      throw new IllegalArgumentException("claim at least 1 delivery, not " + count); // COUNT 0 would mean no limit
    }
    int lead = finished.isEmpty() ? 0 : (finished.size() - 1) / MAX_COMPLETIONS * MAX_COMPLETIONS;
    if (lead > 0) {
      return complete(finished.subList(0, lead), nowMs, retentionMs).compose(first ->
          claim(consumer, count, nowMs, deadRetentionMs, finished.subList(lead, finished.size()), retentionMs)
              .map(claimed -> new Claimed(claimed.runs(), claimed.waitFrom(), concat(first, claimed.completed()),
                  claimed.paused(), claimed.buried())));
    }
    List<String> args = new ArrayList<>(7 + 2 * finished.size());
    args.addAll(List.of(keys.group(), consumer, str(count), str(nowMs), str(deadRetentionMs), keys.taskPrefix(),
        str(retentionMs)));
    finished.forEach(c -> c.addArgs(args));
    return scripts.run(QueueScript.CLAIM, List.of(keys.ready(), keys.dead(), keys.paused()), args)
        .compose(r -> Replies.claimFoundNoGroup(r)
            // the completions are written: answer them even if making the group again fails (the next claim retries)
            ? group.vanished().otherwiseEmpty().map(v -> new Claimed(List.of(), null, Replies.completed(r)))
            : Future.succeededFuture(Replies.claimed(r)))
        .recover(err -> ConsumerGroup.isNoGroup(err)
            ? group.vanished().map(v -> new Claimed(List.of(), null, List.of()))
            : Future.failedFuture(err));
  }

  /**
   * Waits on a DEDICATED connection until the stream holds an entry after {@code fromId} (the cursor of a claim that
   * came back short), or {@code blockMs} passes. It reads without the group, so it claims nothing: a wait cut short by
   * a closing node loses nothing. True when something arrived.
   */
  Future<Boolean> awaitNew(RedisConnection conn, String fromId, long blockMs) {
    return conn.send(Request.cmd(Command.XREAD).arg("COUNT").arg(1).arg("BLOCK").arg(blockMs).arg("STREAMS")
        .arg(keys.ready()).arg(fromId)).map(r -> r != null && r.size() > 0);
  }

  /**
   * Renews the leases of running deliveries of {@code consumer} in one command (an idle time reset); returns the
   * entry ids still held. An id missing from the answer was reclaimed meanwhile: another worker may run it again.
   */
  Future<Set<String>> renew(String consumer, Collection<String> entryIds) {
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
   * call per {@link #MAX_COMPLETIONS}, one after the other; the answer says, in order, whether each task was this
   * delivery's to finish (false: another delivery owns it, the outcome is lost). A failed call fails the answer,
   * although the calls before it were written.
   */
  Future<List<Boolean>> complete(List<Completion> completions, long nowMs, long retentionMs) {
    if (completions.size() > MAX_COMPLETIONS) {
      return completeOnce(completions.subList(0, MAX_COMPLETIONS), nowMs, retentionMs).compose(first ->
          complete(completions.subList(MAX_COMPLETIONS, completions.size()), nowMs, retentionMs)
              .map(rest -> concat(first, rest)));
    }
    return completeOnce(completions, nowMs, retentionMs);
  }

  private Future<List<Boolean>> completeOnce(List<Completion> completions, long nowMs, long retentionMs) {
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
  Future<Integer> release(List<Claim> claims) {
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
  Future<Long> defer(Claim c, long nowMs, long firstWaitMs, long maxWaitMs, double jitter, String why) {
    return scripts.run(QueueScript.DEFER, List.of(keys.ready(), keys.delayed(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), c.taskId(), str(nowMs), str(firstWaitMs), str(maxWaitMs),
            Double.toString(jitter), why, keys.wakeChannel()))
        .map(Response::toLong);
  }

  /**
   * Deletes group consumers without pending entries that have been idle for {@code minIdleMs}; only {@code consumer}
   * when it is not null. Returns how many were deleted.
   */
  Future<Integer> pruneConsumers(long minIdleMs, String consumer) {
    return scripts.run(QueueScript.PRUNE_CONSUMERS, List.of(keys.ready()),
        List.of(keys.group(), str(minIdleMs), consumer == null ? "" : consumer))
        .map(Response::toInteger)
        .recover(err -> ConsumerGroup.isNoGroup(err) ? Future.succeededFuture(0) : Future.failedFuture(err));
  }

  /** Acknowledges the delivery and schedules another attempt at {@code dueAtMs} with {@code newEnvelope}. */
  Future<Boolean> retry(Claim c, String newEnvelope, long dueAtMs, String error, long nowMs) {
    return scripts.run(QueueScript.RETRY, List.of(keys.ready(), keys.retrying(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), c.taskId(), newEnvelope, str(dueAtMs), error == null ? "" : error,
            str(nowMs), keys.wakeChannel()))
        .map(Deliveries::isOne);
  }

  /** Acknowledges the delivery and moves the task to {@code dead}; false if another delivery owns the task. */
  Future<Boolean> bury(Claim c, String reason, long nowMs, long retentionMs) {
    return scripts.run(QueueScript.BURY, List.of(keys.ready(), keys.dead(), keys.task(c.taskId())),
        List.of(keys.group(), c.entryId(), c.taskId(), reason == null ? "" : reason, str(nowMs), str(retentionMs)))
        .map(Deliveries::isOne);
  }

  /**
   * One step of a scan of the pending list from {@code cursor} ({@link Reclaimed#START} to begin): re-queues up to
   * {@code limit} deliveries idle for at least {@code minIdleMs} as fresh entries. Workers renew their leases with
   * {@link #renew} while a task runs, so only entries of dead workers go idle that long. The result says how many
   * were re-queued and where the next step goes on ({@link Reclaimed#done()} when the scan is complete); the step does
   * nothing ({@link Reclaimed#late()}) if it reaches Redis after Redis's clock passed {@code notAfterRedisMs} (no
   * deadline when negative).
   */
  Future<Reclaimed> reclaimExpired(long minIdleMs, int limit, String cursor, long notAfterRedisMs) {
    return scripts.run(QueueScript.RECLAIM_EXPIRED, List.of(keys.ready()),
        List.of(keys.group(), RECOVERER, str(minIdleMs), str(limit), keys.taskPrefix(), cursor,
          notAfterRedisMs < 0 ? "" : str(notAfterRedisMs)))
        .map(r -> new Reclaimed(r.get(0).toInteger(), r.get(1).toString(), r.get(2).toInteger() == 1, r.get(3).toLong()))
        .recover(err -> ConsumerGroup.isNoGroup(err)
            ? group.vanished().map(v -> new Reclaimed(0, Reclaimed.START, false, -1))
            : Future.failedFuture(err));
  }

  private static List<Boolean> concat(List<Boolean> first, List<Boolean> then) {
    List<Boolean> all = new ArrayList<>(first.size() + then.size());
    all.addAll(first);
    all.addAll(then);
    return all;
  }

  private static boolean isOne(Response r) {
    return r != null && r.toLong() == 1L;
  }

  private static String str(long v) {
    return Long.toString(v);
  }
}
