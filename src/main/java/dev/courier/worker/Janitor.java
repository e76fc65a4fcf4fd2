package dev.courier.worker;

import dev.courier.queue.RedisQueue;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Removes the consumers that stopped or dead nodes left in a queue's group: those with no pending entry, idle for
 * several leases. Without it every restart adds one for good, and XINFO becomes unreadable. A live but idle node
 * that loses its consumer gets it back with its next claim, so pruning it is harmless. One per queue per node, a few
 * times per {@value #LEASES_IDLE} leases, with jitter; failures are logged (rate-limited) and reported to readiness.
 */
final class Janitor {

  private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);
  static final int LEASES_IDLE = 4;

  private final Vertx vertx;
  private final RedisQueue queue;
  private final long leaseMs;
  private final Clock clock;
  private final DutyLog failures;
  private long timer = -1;
  private boolean stopped;

  Janitor(Vertx vertx, RedisQueue queue, long leaseMs, Clock clock, WorkerHealth health) {
    this.vertx = vertx;
    this.queue = queue;
    this.leaseMs = leaseMs;
    this.clock = clock;
    this.failures = new DutyLog(LOG, "pruning idle consumers of " + queue.keys().queue(), health);
  }

  void start() {
    schedule();
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void schedule() {
    long period = leaseMs * LEASES_IDLE / 2;
    timer = vertx.setTimer(period + ThreadLocalRandom.current().nextLong(period / 2 + 1), t -> sweep());
  }

  private void sweep() {
    queue.pruneConsumers(leaseMs * LEASES_IDLE, null)
      .onSuccess(removed -> {
        failures.succeeded();
        if (removed > 0) {
          LOG.debug("removed {} idle consumer(s) of queue {}", removed, queue.keys().queue());
        }
      })
      .onComplete(done -> {
        if (done.failed() && !stopped) {
          failures.failed(done.cause(), clock.millis());
        }
        if (!stopped) {
          schedule();
        }
      });
  }
}
