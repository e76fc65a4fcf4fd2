package dev.courier.internal.queue;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The node's record of queues whose Redis data was lost: each loss is logged at ERROR with what this node last knew
 * of the queue, counted per queue, and reported for {@code redis.lossReportSeconds} (0: never) by {@link #reported()}
 * (health detail, admin API) and, when an operator asks for it ({@code redis.lossFailsReadiness}), by a failing
 * {@link #probe()}, so that a loss is never silent. Thread-safe.
 */
public final class DataLossLog {

  private static final Logger LOG = LoggerFactory.getLogger(DataLossLog.class);

  private final long reportMs;
  private final LongSupplier clock;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, Loss> recent = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> tasks = new ConcurrentHashMap<>();
  private static final int MAX_IDS = 10_000;
  private final Set<String> lostIds = new LinkedHashSet<>();

  public DataLossLog(long reportMs, LongSupplier clock) {
    this.reportMs = reportMs;
    this.clock = clock;
  }

  /** Logs and counts only; reports nothing (a client without a node, tests). */
  public static DataLossLog silent() {
    return new DataLossLog(0, System::currentTimeMillis);
  }

  /**
   * @param lastKnown the counts this node last read before the loss, or null if it read none
   * @param lastKnownAtMs when it read them (epoch ms)
   */
  void lost(String queue, String why, QueueCounts lastKnown, long lastKnownAtMs) {
    String known = lastKnown == null ? "this node had not counted its tasks yet, so how many were lost is unknown"
      : "last known " + Instant.ofEpochMilli(lastKnownAtMs) + ": " + lastKnown.ready() + " queued, "
        + lastKnown.pending() + " running, " + lastKnown.delayed() + " delayed, " + lastKnown.retrying()
        + " retrying, " + lastKnown.dead() + " dead; those tasks are gone, and tasks answered 202 since then may be too";
    LOG.atError().addKeyValue("queue", queue).addKeyValue("lost_queued", lastKnown == null ? null : lastKnown.ready())
      .addKeyValue("lost_running", lastKnown == null ? null : lastKnown.pending())
      .addKeyValue("lost_delayed", lastKnown == null ? null : lastKnown.delayed())
      .addKeyValue("lost_retrying", lastKnown == null ? null : lastKnown.retrying())
      .log("Redis lost the data of queue '{}': {} (Redis restarted without persistence, failed over to a stale "
        + "replica, or was flushed); {}. The queue starts over empty", queue, why, known);
    counter(queue).incrementAndGet();
    recent.put(queue, new Loss(why, clock.getAsLong(), known));
  }

  /** Tasks this node stored that Redis no longer holds (a failover to a replica that lacked them). */
  void lostTasks(String queue, List<String> ids, String why, QueueCounts lastKnown, long lastKnownAtMs) {
    String shown = String.join(", ", ids.subList(0, Math.min(ids.size(), 20))) + (ids.size() > 20 ? ", ..." : "");
    LOG.atError().addKeyValue("queue", queue).addKeyValue("lost_tasks", ids.size())
      .log("Redis lost {} task(s) of queue '{}' that this node had stored and answered for: {}. Lost ids: {}. They "
        + "will not run again (some may have run on the old master before it was wiped); set redis.ackReplicas so "
        + "that a fire succeeds only once a replica holds it", ids.size(),
        queue, why, shown);
    counter(queue).incrementAndGet();
    tasks.computeIfAbsent(queue, q -> new AtomicLong()).addAndGet(ids.size());
    synchronized (lostIds) {
      lostIds.addAll(ids);
      while (lostIds.size() > MAX_IDS) {
        lostIds.remove(lostIds.iterator().next());
      }
    }
    recent.put(queue, new Loss(why, clock.getAsLong(), ids.size() + " task(s) lost, first " + ids.get(0)));
  }

  /** @return the ids of the last {@value #MAX_IDS} tasks found lost (any queue), oldest first */
  public List<String> lostTaskIds() {
    synchronized (lostIds) {
      return List.copyOf(lostIds);
    }
  }

  /** @return how many tasks of {@code queue} this node found lost (stored, then missing after a failover). */
  public long lostTasks(String queue) {
    AtomicLong n = tasks.get(queue);
    return n == null ? 0 : n.get();
  }

  /** @return how many losses of {@code queue} this node found since it started (a metric). */
  public long count(String queue) {
    return counter(queue).get();
  }

  private AtomicLong counter(String queue) {
    return counts.computeIfAbsent(queue, q -> new AtomicLong());
  }

  /** @return how long each loss is reported after it was found (ms; 0: never) */
  public long reportMs() {
    return reportMs;
  }

  /** @return the last loss of each queue found less than {@link #reportMs()} ago, by queue name */
  public List<Reported> reported() {
    long now = clock.getAsLong();
    List<Reported> shown = new ArrayList<>();
    new TreeMap<>(recent).forEach((queue, loss) -> {
      if (now - loss.atMs < reportMs) {
        shown.add(new Reported(queue, Instant.ofEpochMilli(loss.atMs), loss.why, loss.known));
      }
    });
    return shown;
  }

  /** Readiness, for operators who ask for it: fails while a loss is {@link #reported()}, naming each. */
  public Future<Void> probe() {
    StringBuilder reason = new StringBuilder();
    for (Reported loss : reported()) {
      reason.append(reason.length() == 0 ? "" : "; ").append("queue ").append(loss.queue()).append(" lost its data at ")
        .append(loss.at()).append(" (").append(loss.why()).append("; ").append(loss.known()).append(")");
    }
    return reason.length() == 0 ? Future.succeededFuture() : Future.failedFuture(reason.toString());
  }

  /**
   * One loss as reported.
   *
   * @param why   how it was found (group or marker gone, tasks missing after a failover)
   * @param known what this node last knew of the queue, or which tasks it found missing
   */
  public record Reported(String queue, Instant at, String why, String known) {
  }

  private record Loss(String why, long atMs, String known) {
  }
}
