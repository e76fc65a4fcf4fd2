package dev.courier.internal.worker;

import java.util.concurrent.atomic.AtomicLong;

/** Counts what a node's workers did that operators must be able to see, beyond the log lines. */
public final class WorkerStats {

  private final AtomicLong lostOutcomes = new AtomicLong();
  private final AtomicLong handedBack = new AtomicLong();
  private volatile long stopBeganAtMs = -1;

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

  /** @return outcomes (succeeded, retrying, dead) not recorded because another delivery owned the task by then. */
  public long lostOutcomes() {
    return lostOutcomes.get();
  }

  /** @return claimed tasks put back in their queue unstarted because the node was stopping. */
  public long handedBack() {
    return handedBack.get();
  }
}
