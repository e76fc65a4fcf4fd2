package dev.courier.internal.worker;

import java.util.concurrent.atomic.AtomicLong;

/** Counts what a node's workers did that operators must be able to see, beyond the log lines. */
public final class WorkerStats {

  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong lostOutcomes = new AtomicLong();
  private final AtomicLong handedBack = new AtomicLong();
  private final AtomicLong stuck = new AtomicLong();
  private final AtomicLong running = new AtomicLong();
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

  void recordStuck() {
    stuck.incrementAndGet();
  }

  void runStarted() {
    running.incrementAndGet();
  }

  void runEnded() {
    running.decrementAndGet();
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

  /**
   * @return tasks buried because their body ignored the interrupt and still held its thread a whole timeout after its
   * timeout
   */
  public long stuck() {
    return stuck.get();
  }

  /**
   * @return runs in progress now: from the claim that started them until their outcome is written and their body no
   * longer holds a thread, so bodies that overran their timeout are counted until they return
   */
  public long running() {
    return running.get();
  }

  /** @return claimed tasks put back in their queue unstarted because the node was stopping. */
  public long handedBack() {
    return handedBack.get();
  }
}
