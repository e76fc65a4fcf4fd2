package dev.courier.internal.worker;

import dev.courier.internal.queue.WorkQueue;

/**
 * The dispatcher's view of one queue: whether it may hold unread work, its weight, whether it is paused by a failure
 * (with the backoff before the next try and the log of those failures), whether an operator has it on hold (paused
 * through the admin API) or it holds off because its last claim brought only tasks this node cannot run, and the
 * watch that wakes it when work arrives. Home context only.
 */
final class QueueFeed {

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
}
