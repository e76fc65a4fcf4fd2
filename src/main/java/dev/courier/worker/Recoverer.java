package dev.courier.worker;

import dev.courier.queue.Reclaimed;
import dev.courier.queue.RedisQueue;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts back the tasks of workers that died (kill -9, OOM, lost network): an entry whose lease was not renewed for a
 * whole lease period goes back to ready. Live workers renew their leases, so only orphans move. One per queue per
 * node; it runs about twice per lease period, with jitter so the nodes of a cluster do not all ask at once. Failures
 * are logged (rate-limited) and reported to readiness until a scan works again.
 */
final class Recoverer {

  private static final Logger LOG = LoggerFactory.getLogger(Recoverer.class);
  private static final int BATCH = 100;

  private final Vertx vertx;
  private final RedisQueue queue;
  private final long leaseMs;
  private final Clock clock;
  private final DutyLog failures;
  private long timer = -1;
  private boolean stopped;

  Recoverer(Vertx vertx, RedisQueue queue, long leaseMs, Clock clock, WorkerHealth health) {
    this.vertx = vertx;
    this.queue = queue;
    this.leaseMs = leaseMs;
    this.clock = clock;
    this.failures = new DutyLog(LOG, "recovering expired leases of " + queue.keys().queue(), health);
  }

  void start() {
    schedule();
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void schedule() {
    long half = leaseMs / 2;
    timer = vertx.setTimer(half + ThreadLocalRandom.current().nextLong(half / 2 + 1), t -> scan(Reclaimed.START));
  }

  /** Walks the whole pending list, one bounded step at a time, then sleeps until the next round. */
  private void scan(String cursor) {
    queue.reclaimExpired(leaseMs, BATCH, cursor)
      .onSuccess(step -> {
        failures.succeeded();
        if (stopped) {
          return;
        }
        if (step.requeued() > 0) {
          LOG.info("re-queued {} task(s) of {} whose worker stopped renewing its lease", step.requeued(),
            queue.keys().queue());
        }
        if (step.done()) {
          schedule();
        } else {
          timer = vertx.setTimer(1, t -> scan(step.cursor()));
        }
      })
      .onFailure(err -> {
        if (!stopped) {
          failures.failed(err, clock.millis());
          schedule();
        }
      });
  }
}
