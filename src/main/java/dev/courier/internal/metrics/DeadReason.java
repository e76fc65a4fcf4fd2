package dev.courier.internal.metrics;

import java.util.Locale;

/** Why a node sent a task to the dead set: the {@code reason} label of {@code courier_tasks_dead_total}. */
public enum DeadReason {
  /** The body threw {@code NoRetry}. */
  NO_RETRY,
  /** Its last allowed attempt failed (an exception, or the timeout). */
  ATTEMPTS_EXHAUSTED,
  /** Its body ignored the interrupt and still held its thread a whole timeout after its timeout. */
  STUCK,
  /** Never run: its envelope was not signed with the key, was damaged, named a task or arguments this node refuses. */
  REJECTED,
  /** Never run: earlier attempts were lost with their workers, and none is left. */
  ATTEMPTS_LOST,
  /** Never run: its hash or stream entry could not be read as a task (garbage in a field, no envelope, no id). */
  DAMAGED,
  /** Never run: its hash disagrees with its signed envelope, or the envelope was signed for another queue. */
  TAMPERED,
  /** Never run: a delivery named a task id that has no hash. */
  UNKNOWN_ID,
  /** Never run: no node that knew its task name took it within {@code tasks.unknownTaskGraceSeconds}. */
  UNKNOWN_TASK;

  /** @return the label value, e.g. {@code no_retry} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
