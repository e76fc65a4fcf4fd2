package dev.courier.internal.metrics;

import java.util.Locale;

/** Why a node sent a task to the dead set: the {@code reason} label of {@code courier_tasks_dead_total}. */
public enum DeadReason {
  /** The body threw {@code NoRetry}. */
  NO_RETRY,
  /** Its last allowed attempt failed (an exception, or the timeout). */
  ATTEMPTS_EXHAUSTED,
  /** Never run: its envelope was not signed with the key, was damaged, named a task or arguments this node refuses. */
  REJECTED,
  /** Never run: earlier attempts were lost with their workers, and none is left. */
  ATTEMPTS_LOST;

  /** @return the label value, e.g. {@code no_retry} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
