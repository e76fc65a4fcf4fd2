package dev.courier.internal.worker;

import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the leases of this node's running tasks: every third of a lease, one {@code XCLAIM ... JUSTID} per queue for
 * all of its running entries (not one per task). An entry missing from the answer was reclaimed by a recoverer (the
 * node stalled past its lease), or lost with the queue's data: that is logged ({@link LostLease}), since another
 * worker may now run the task too. Runs on the home loop only ({@link HomeLoop}: checked), apart from the lanes, so a
 * busy task body does not delay a renewal.
 */
final class LeaseRenewer {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewer.class);

  private final Vertx vertx;
  private final HomeLoop home;
  private final String consumer;
  private final long intervalMs;
  private final Clock clock;
  private final DutyLog failures;
  private final Map<WorkQueue, Set<String>> running = new HashMap<>();
  private long timer = -1;

  LeaseRenewer(Vertx vertx, HomeLoop home, String consumer, long leaseMs, Clock clock, WorkerHealth health) {
    this.vertx = vertx;
    this.home = home;
    this.consumer = consumer;
    this.intervalMs = intervalMs(leaseMs);
    this.clock = clock;
    this.failures = new DutyLog(LOG, "lease renewal", health);
  }

  void start() {
    home.check("LeaseRenewer");
    timer = vertx.setPeriodic(intervalMs, t -> renewAll());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  void hold(WorkQueue queue, String entryId) {
    home.check("LeaseRenewer");
    running.computeIfAbsent(queue, q -> new LinkedHashSet<>()).add(entryId);
  }

  /** The run is over (its outcome is being written): a renewal that misses it from now on is no lost lease. */
  void drop(WorkQueue queue, String entryId) {
    home.check("LeaseRenewer");
    Set<String> entries = running.get(queue);
    if (entries != null) {
      entries.remove(entryId);
    }
  }

  /** @return whether the entry is renewed now: false once dropped, or once a renewal found its lease lost */
  boolean holds(WorkQueue queue, String entryId) {
    Set<String> entries = running.get(queue);
    return entries != null && entries.contains(entryId);
  }

  /** @return how often leases are renewed: every third of a lease, at most once a second */
  static long intervalMs(long leaseMs) {
    return Math.max(1000, leaseMs / 3);
  }

  /** One renewal round (the timer's; a test calls it directly rather than wait a third of a lease). */
  void renewAll() {
    home.check("LeaseRenewer");
    if (running.values().stream().allMatch(Set::isEmpty)) {
      failures.succeeded(); // nothing left to renew: no renewal is failing (else readiness stayed down for good)
      return;
    }
    running.forEach((queue, entries) -> {
      if (entries.isEmpty()) {
        return;
      }
      ArrayList<String> asked = new ArrayList<>(entries);
      queue.renew(consumer, asked).onSuccess(held -> {
        home.check("LeaseRenewer");
        failures.succeeded();
        for (String entry : asked) {
          if (!held.contains(entry) && entries.remove(entry)) {
            LostLease.report(queue, entry); // a lease expired, or Redis lost the queue's data: the line says which
          }
        }
      }).onFailure(err -> failures.failed(err, clock.millis()));
    });
  }
}
