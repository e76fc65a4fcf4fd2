package dev.courier.internal.worker;

import dev.courier.internal.metrics.DeadReason;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.task.Envelope;
import dev.courier.task.NoRetry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Writes an attempt's outcome: {@code complete} (batched by {@link Completions}), {@code retry} after a backoff, or
 * {@code bury}. A write that fails is tried again a few times ({@link WriteRetry}) with the lease renewed in between;
 * only then is the task left leased, to be redelivered once its lease expires. A write answered "another delivery owns
 * the task" is final: that outcome is lost ({@link LostOutcome}). Home context only.
 */
final class OutcomeWriter {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final WorkerResources resources;
  private final Lanes lanes;
  private final LeaseRenewer renewer;
  private final Completions completions;
  private final WorkerStats stats;
  private final TaskMeters meters;
  private final RetryPolicy retry;
  private final WriteRetry writes;
  private final LostOutcome lost;

  OutcomeWriter(WorkerResources resources, Lanes lanes, LeaseRenewer renewer, Completions completions,
                WorkerStats stats, WriteRetry writes) {
    this.resources = resources;
    this.lanes = lanes;
    this.renewer = renewer;
    this.completions = completions;
    this.stats = stats;
    this.meters = resources.meters();
    this.retry = new RetryPolicy(resources.config().backoffBaseMillis(), resources.config().backoffMaxMillis());
    this.writes = writes;
    this.lost = new LostOutcome(stats);
  }

  Future<Void> succeeded(Delivery d, Completion completion) {
    return write(d, "succeeded", () -> {
      Promise<Boolean> owned = lanes.home().promise();
      completions.complete(d.queue(), completion, owned::complete, owned::fail);
      return owned.future();
    }, () -> {
      stats.recordSucceeded();
      meters.succeeded(d.task(), d.queue().keys().queue());
      d.attempt().succeeded();
    });
  }

  /** A failed attempt: retried after a backoff, or buried (NoRetry, or its last attempt). */
  Future<Void> failed(Delivery d, Envelope envelope, Throwable cause) {
    String error = describe(cause);
    if (cause instanceof NoRetry) {
      return bury(d, error, DeadReason.NO_RETRY);
    }
    if (d.number() >= envelope.maxAttempts()) {
      return bury(d, "failed after " + d.number() + " attempt(s): " + error, DeadReason.ATTEMPTS_EXHAUSTED);
    }
    long now = now();
    long due = now + retry.backoff(d.number());
    String sealed = resources.signer().seal(envelope.nextAttempt(due));
    return write(d, "retrying", () -> d.queue().retry(d.claim(), sealed, due, error, now), () -> {
      stats.recordRetried();
      meters.retried(d.task(), d.queue().keys().queue());
      d.attempt().retrying(error, due, now);
    });
  }

  Future<Void> bury(Delivery d, String reason, DeadReason why) {
    return write(d, "dead (" + reason + ")", () -> d.queue().bury(d.claim(), reason, now(), retentionMs()), () -> {
      stats.recordDead();
      meters.dead(d.task(), d.queue().keys().queue(), why);
      if (d.attempt() != null) {
        d.attempt().dead(reason);
      }
    });
  }

  /** The write, tried again on failure with the lease held meanwhile; then the outcome is recorded, lost or left. */
  private Future<Void> write(Delivery d, String outcome, Supplier<Future<Boolean>> once, Runnable recorded) {
    boolean[] leaseLost = {false};
    boolean[] failedBefore = {false};
    Supplier<Future<Boolean>> tried = () -> {
      // the write acks the entry: a renewal that misses it from now on is no lost lease
      if (d.leased()) {
        leaseLost[0] |= !renewer.holds(d.queue(), d.claim().entryId());
        renewer.drop(d.queue(), d.claim().entryId());
      }
      return once.get();
    };
    return writes.run(tried, err -> {
      // one line per outcome at INFO, the later tries at DEBUG: an outage must not flood the log
      LOG.atLevel(failedBefore[0] ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.INFO)
        .log("the outcome '{}' of task {} {} could not be written ({}); trying again", outcome, d.task(),
          d.claim().taskId(), err.getMessage());
      failedBefore[0] = true;
      if (d.leased() && !leaseLost[0]) {
        renewer.hold(d.queue(), d.claim().entryId()); // still ours: keep it from being reclaimed meanwhile
      }
    }).compose(owned -> {
      if (owned) {
        recorded.run();
        return Future.succeededFuture();
      }
      return lost.report(d, outcome, leaseLost[0], failedBefore[0]);
    }, err -> {
      LOG.warn("the outcome '{}' of task {} {} could not be written after {} tries ({}); it stays leased and will be "
        + "redelivered", outcome, d.task(), d.claim().taskId(), WriteRetry.TRIES, err.getMessage());
      if (d.attempt() != null) {
        d.attempt().unrecorded("the outcome could not be written: " + err.getMessage());
      }
      return Future.succeededFuture();
    });
  }

  private static String describe(Throwable cause) {
    String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private long now() {
    return resources.clock().millis();
  }

  private long retentionMs() {
    return resources.config().retentionSeconds() * 1000L;
  }
}
