package dev.courier.internal.worker;

import java.util.concurrent.atomic.AtomicLong;

/** Counts what a node's workers did that operators must be able to see, beyond the log lines. */
public final class WorkerStats {

  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong lostOutcomes = new AtomicLong();
  private final AtomicLong handedBack = new AtomicLong();
  private volatile long stopBeganAtMs = -1;

  void recordSucceeded() {
    succeeded.incrementAndGet();
  }

  void recordRetried() {
    retried.incrementAndGet();
  }

  void recordDead() {
    dead.incrementAndGet();
  }

  void lostOutcome() {
    lostOutcomes.incrementAndGet();
  }

  void handedBack(long count) {
    handedBack.addAndGet(count);
  }

  void stopBegan(long atMs) {
    stopBeganAtMs = atMs;
  }

  /** @return when (epoch ms) the workers began to stop, after which no task starts; -1 while they run. */
  public long stopBeganAtMs() {
    return stopBeganAtMs;
  }

  /** @return attempts whose success this node recorded since it started. */
  public long succeeded() {
    return succeeded.get();
  }

  /** @return failed attempts this node recorded as retrying since it started. */
  public long retried() {
    return retried.get();
  }

  /** @return tasks this node buried since it started (last attempt failed, NoRetry, or rejected envelopes). */
  public long dead() {
    return dead.get();
  }

  /** @return outcomes (succeeded, retrying, dead) not recorded because another delivery owned the task by then. */
  public long lostOutcomes() {
    return lostOutcomes.get();
  }

  /** @return claimed tasks put back in their queue unstarted because the node was stopping. */
  public long handedBack() {
    return handedBack.get();
  }
}
