package dev.courier.task;

import java.util.List;

/**
 * A fire that Redis's master stored but too few replicas confirmed in time ({@code redis.ackReplicas} within
 * {@code redis.ackTimeoutMs}): the task may run, or may be lost if the master fails over now. An HTTP handler that
 * lets it escape answers 503 {@code not_durable}; a caller that must not lose the task fires it again (with an
 * idempotency key, so that a task that did survive does not run twice).
 */
public final class TaskNotDurableException extends RuntimeException {

  private final List<String> taskIds;
  private final int confirmed;
  private final int required;

  public TaskNotDurableException(List<String> taskIds, int confirmed, int required) {
    super("task(s) " + shortList(taskIds) + " written, but only " + confirmed + " of " + required
      + " replica(s) confirmed in time: they may be lost if Redis fails over now", null, false, false);
    this.taskIds = List.copyOf(taskIds);
    this.confirmed = confirmed;
    this.required = required;
  }

  /** @return the ids of the tasks written but not confirmed (every task of the fire, or of the batch it rode in) */
  public List<String> taskIds() {
    return taskIds;
  }

  /** @return how many replicas confirmed the write before the timeout */
  public int confirmed() {
    return confirmed;
  }

  /** @return how many replicas had to ({@code redis.ackReplicas}) */
  public int required() {
    return required;
  }

  private static String shortList(List<String> ids) {
    return ids.size() <= 3 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 3)) + " and "
      + (ids.size() - 3) + " more";
  }
}
