package dev.courier.internal.worker;

import dev.courier.internal.queue.Reclaimed;
import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Puts back the tasks of workers that died (kill -9, OOM, lost network): an entry whose lease was not renewed for a
 * whole lease period goes back to ready. Live workers renew their leases, so only orphans move. One per queue per
 * node, about twice per lease period.
 *
 * <p>Each round first reads Redis's clock. If that reading ends a gap in this recoverer's contact with Redis (see
 * {@link StallGuard}), the round waits one renewal period and starts over, so live workers renew first; every scan
 * step carries a deadline in Redis's time, so a step that sat out a stall in flight reclaims nothing.
 */
final class Recoverer extends JitteredDuty {

  private static final Logger LOG = LoggerFactory.getLogger(Recoverer.class);
  private static final int BATCH = 100;

  private final WorkQueue queue;
  private final long leaseMs;
  private final long renewalMs;
  private final StallGuard stalls;

  Recoverer(Vertx vertx, HomeLoop home, WorkQueue queue, long leaseMs, Clock clock) {
    super(vertx, home, leaseMs / 2, clock,
      DutyLog.loggedOnly(LOG, "recovering expired leases of " + queue.keys().queue()));
    this.queue = queue;
    this.leaseMs = leaseMs;
    this.renewalMs = LeaseRenewer.intervalMs(leaseMs);
    // rounds come every half lease plus up to a quarter of jitter: a longer silence means contact was lost
    this.stalls = new StallGuard(leaseMs / 4, leaseMs * 7 / 8, System::nanoTime);
  }

  @Override
  void tick() {
    long sent = stalls.now();
    queue.redisTimeMs().onSuccess(redisMs -> {
      if (stalls.contact(sent)) {
        standBack();
      } else {
        scan(Reclaimed.START, stalls.deadline(redisMs, stalls.now()));
      }
    }).onFailure(this::failed);
  }

  /** After a gap, live workers renew before anything is reclaimed: wait one renewal period (and a bit), then retry. */
  private void standBack() {
    LOG.info("contact with Redis resumed after a gap: waiting {} ms for live workers to renew before reclaiming "
      + "expired leases of {}", renewalMs + leaseMs / 10, queue.keys().queue());
    continueIn(renewalMs + leaseMs / 10, this::tick);
  }

  /** Walks the whole pending list, one bounded step at a time, then sleeps until the next round. */
  private void scan(String cursor, long deadline) {
    long sent = stalls.now();
    queue.reclaimExpired(leaseMs, BATCH, cursor, deadline)
      .onSuccess(step -> {
        if (stalls.contact(sent) || step.late()) {
          standBack();
          return;
        }
        if (step.requeued() > 0) {
          LOG.info("re-queued {} task(s) of {} whose worker stopped renewing its lease", step.requeued(),
            queue.keys().queue());
        }
        if (step.done()) {
          succeeded();
        } else {
          long reached = stalls.now();
          continueIn(1, () -> scan(step.cursor(), stalls.deadline(step.redisMs(), reached)));
        }
      })
      .onFailure(this::failed);
  }
}
