package dev.courier.internal.worker;

import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's view of one queue: whether it may hold unread work, its weight, whether it is paused by a failure
 * (with the backoff before the next try and the log of those failures), whether an operator has it on hold (paused
 * through the admin API) or it holds off because its last claim brought only tasks this node cannot run, and the
 * watch that wakes it when work arrives. Home context only.
 */
final class QueueFeed {

  private static final Logger LOG = LoggerFactory.getLogger(QueueFeed.class);

  private static final long FIRST_BACKOFF_MS = 50;
  // Readiness follows Redis back within this much: a paused queue retries at least this often.
  private static final long MAX_BACKOFF_MS = 500;
  // A node that can run none of what it claimed (signed with keys it does not hold) stays out of the way of nodes
  // that can, longer each time, and claims again at least this often.
  private static final long FIRST_HOLD_OFF_MS = 500;
  private static final long MAX_HOLD_OFF_MS = 10_000;

  final WorkQueue queue;
  final int weight;
  ArrivalWatch watch;
  DutyLog readFailures;
  boolean mayHaveWork = true;
  boolean paused;
  boolean onHold;
  boolean holdingOff;
  private long backoffMs = FIRST_BACKOFF_MS;
  private long holdOffMs = FIRST_HOLD_OFF_MS;

  QueueFeed(WorkQueue queue, int weight) {
    this.queue = queue;
    this.weight = weight;
  }

  String name() {
    return queue.keys().queue();
  }

  /** @return how long to wait before the next try after a failure; grows up to {@value #MAX_BACKOFF_MS} ms. */
  long nextBackoff() {
    long wait = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    return wait;
  }

  void resetBackoff() {
    backoffMs = FIRST_BACKOFF_MS;
  }

  /** @return how long to claim nothing here after a claim of only tasks this node cannot run; it grows. */
  long nextHoldOff() {
    long wait = holdOffMs;
    holdOffMs = Math.min(MAX_HOLD_OFF_MS, holdOffMs * 2);
    return wait;
  }

  void resetHoldOff() {
    holdOffMs = FIRST_HOLD_OFF_MS;
  }

  /** Claims nothing here for {@link #nextHoldOff()}, then asks again through {@code again} (on the caller's loop). */
  void holdOff(Vertx vertx, Runnable again) {
    holdingOff = true;
    vertx.setTimer(nextHoldOff(), t -> {
      holdingOff = false;
      mayHaveWork = true;
      again.run();
    });
  }

  /** An operator paused the queue: claim nothing from it; ask again after {@code recheckMs} through {@code again}. */
  void hold(Vertx vertx, long recheckMs, Runnable again) {
    mayHaveWork = false;
    if (!onHold) {
      onHold = true;
      LOG.atInfo().addKeyValue("queue", name()).log("queue {} is paused: claiming nothing from it until it is resumed",
        name());
    }
    vertx.setTimer(recheckMs, t -> {
      mayHaveWork = true;
      again.run();
    });
  }

  /** A claim was answered from a queue that is not paused: if it was on hold, it was resumed. */
  void resumed() {
    if (onHold) {
      onHold = false;
      LOG.atInfo().addKeyValue("queue", name()).log("queue {} was resumed: claiming from it again", name());
    }
  }
}
