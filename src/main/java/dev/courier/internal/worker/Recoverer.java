package dev.courier.internal.worker;

import dev.courier.internal.queue.Reclaimed;
import dev.courier.internal.queue.RedisQueue;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Puts back the tasks of workers that died (kill -9, OOM, lost network): an entry whose lease was not renewed for a
 * whole lease period goes back to ready. Live workers renew their leases, so only orphans move. One per queue per
 * node, about twice per lease period.
 */
final class Recoverer extends JitteredDuty {

  private static final Logger LOG = LoggerFactory.getLogger(Recoverer.class);
  private static final int BATCH = 100;

  private final RedisQueue queue;
  private final long leaseMs;

  Recoverer(Vertx vertx, RedisQueue queue, long leaseMs, Clock clock, WorkerHealth health) {
    super(vertx, leaseMs / 2, clock,
      new DutyLog(LOG, "recovering expired leases of " + queue.keys().queue(), health));
    this.queue = queue;
    this.leaseMs = leaseMs;
  }

  @Override
  void tick() {
    scan(Reclaimed.START);
  }

  /** Walks the whole pending list, one bounded step at a time, then sleeps until the next round. */
  private void scan(String cursor) {
    queue.reclaimExpired(leaseMs, BATCH, cursor)
      .onSuccess(step -> {
        if (step.requeued() > 0) {
          LOG.info("re-queued {} task(s) of {} whose worker stopped renewing its lease", step.requeued(),
            queue.keys().queue());
        }
        if (step.done()) {
          succeeded();
        } else {
          continueIn(1, () -> scan(step.cursor()));
        }
      })
      .onFailure(this::failed);
  }
}
