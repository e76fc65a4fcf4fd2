package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;
import java.util.UUID;

/**
 * Notices that Redis lost one queue's data. The queue's marker key holds an epoch set once when the group is made;
 * this node remembers the epoch it adopted and the counts it last read. A marker gone or changed, or a group gone
 * ({@code NOGROUP}), means the data this node knew of is gone: it is reported once to the {@link DataLossLog} with
 * those last-known counts, then a new epoch is adopted. Nothing is known of a loss before this node first saw the
 * queue (a node started after Redis came back empty sees a fresh queue). Thread-safe.
 */
public final class QueueMarker {

  private final Redis redis;
  private final QueueKeys keys;
  private final DataLossLog losses;
  private String epoch;
  private QueueCounts lastCounts;
  private long lastCountsAtMs;
  private long reportedAtMs = Long.MIN_VALUE / 2;
  private static final long SAME_LOSS_MS = 5_000;

  QueueMarker(Redis redis, QueueKeys keys, DataLossLog losses) {
    this.redis = redis;
    this.keys = keys;
    this.losses = losses;
  }

  /** Sets a new epoch if the queue has none and adopts the one Redis holds (SET NX, GET: Redis 6.2 has no NX GET). */
  Future<Void> adopt() {
    String fresh = UUID.randomUUID().toString();
    return redis.batch(List.of(Request.cmd(Command.SET).arg(keys.marker()).arg(fresh).arg("NX"),
        Request.cmd(Command.GET).arg(keys.marker())))
      .map(r -> {
        synchronized (this) {
          epoch = r.get(1) == null ? fresh : r.get(1).toString();
        }
        return null;
      });
  }

  /**
   * Reads the marker and the queue's counts in one pipeline: remembers the counts, or reports a loss (marker gone or
   * changed, group gone) and adopts the new state. Succeeds with whether a loss was found.
   */
  public Future<Boolean> check() {
    return redis.batch(List.of(Request.cmd(Command.GET).arg(keys.marker()),
        Request.cmd(Command.XLEN).arg(keys.ready()),
        Request.cmd(Command.XPENDING).arg(keys.ready()).arg(keys.group()),
        Request.cmd(Command.ZCARD).arg(keys.delayed()), Request.cmd(Command.ZCARD).arg(keys.retrying()),
        Request.cmd(Command.ZCARD).arg(keys.dead())))
      .compose(this::checked, err -> String.valueOf(err.getMessage()).contains("NOGROUP")
        ? lost("its consumer group vanished (NOGROUP)").compose(v -> ConsumerGroup.create(redis, keys))
          .compose(v -> adopt()).map(true)
        : Future.failedFuture(err));
  }

  private Future<Boolean> checked(List<Response> r) {
    String found = r.get(0) == null ? null : r.get(0).toString();
    String known;
    synchronized (this) {
      known = epoch;
      if (known != null && known.equals(found)) {
        long length = r.get(1).toLong();
        long pending = r.get(2) == null || r.get(2).size() == 0 ? 0 : r.get(2).get(0).toLong();
        lastCounts = new QueueCounts(Math.max(0, length - pending), pending, r.get(3).toLong(), r.get(4).toLong(),
          r.get(5).toLong());
        lastCountsAtMs = System.currentTimeMillis();
        return Future.succeededFuture(false);
      }
    }
    if (known == null) {
      return adopt().map(false); // not adopted yet (the open's SET failed half-way): nothing known to lose
    }
    String why = found == null ? "its marker key vanished" : "its marker changed (another data set is being served)";
    return lost(why).compose(v -> adopt()).map(true);
  }

  /** @return when (epoch ms) this node last reported a loss of the queue's data, or -1 if it never did */
  synchronized long lastLossAtMs() {
    return reportedAtMs < 0 ? -1 : reportedAtMs;
  }

  /** Reports tasks this node stored that the master no longer has; the marker itself survived. */
  void lostTasks(List<String> ids, String why) {
    QueueCounts counts;
    long at;
    synchronized (this) {
      counts = lastCounts;
      at = lastCountsAtMs;
    }
    losses.lostTasks(keys.queue(), ids, why, counts, at);
  }

  /**
   * Reports a loss once per adopted epoch: several callers meeting the same loss report it once, including a claim
   * sent before another caller re-made the group, which meets {@code NOGROUP} just after.
   */
  Future<Void> lost(String why) {
    QueueCounts counts;
    long at;
    synchronized (this) {
      long now = System.currentTimeMillis();
      if (epoch == null || now - reportedAtMs < SAME_LOSS_MS) {
        return Future.succeededFuture(); // already reported
      }
      reportedAtMs = now;
      epoch = null;
      counts = lastCounts;
      at = lastCountsAtMs;
      lastCounts = null;
    }
    losses.lost(keys.queue(), why, counts, at);
    return Future.succeededFuture();
  }
}
