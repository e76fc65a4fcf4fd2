package dev.courier.internal.worker;

import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Removes the consumers that stopped or dead nodes left in a queue's group: those with no pending entry, idle for
 * several leases. Without it every restart adds one for good, and XINFO becomes unreadable. A live but idle node
 * that loses its consumer gets it back with its next claim, so pruning it is harmless. One per queue per node, about
 * every {@value #LEASES_IDLE} / 2 leases.
 */
final class Janitor extends JitteredDuty {

  private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);
  static final int LEASES_IDLE = 4;

  private final WorkQueue queue;
  private final long leaseMs;

  Janitor(Vertx vertx, HomeLoop home, WorkQueue queue, long leaseMs, Clock clock) {
    super(vertx, home, leaseMs * LEASES_IDLE / 2, clock,
      DutyLog.loggedOnly(LOG, "pruning idle consumers of " + queue.keys().queue()));
    this.queue = queue;
    this.leaseMs = leaseMs;
  }

  @Override
  void tick() {
    queue.pruneConsumers(leaseMs * LEASES_IDLE, null)
      .onSuccess(removed -> {
        if (removed > 0) {
          LOG.debug("removed {} idle consumer(s) of queue {}", removed, queue.keys().queue());
        }
        succeeded();
      })
      .onFailure(this::failed);
  }
}
