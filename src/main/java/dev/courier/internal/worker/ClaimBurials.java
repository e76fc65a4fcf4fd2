package dev.courier.internal.worker;

import dev.courier.internal.metrics.DeadReason;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Buried;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Accounts for the deliveries a claim buried without starting them (an id with no hash, a damaged hash, an entry
 * without an id): one WARN line each with the reason, and the dead counter by reason, as for any other burial.
 */
final class ClaimBurials {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimBurials.class);

  private final WorkerStats stats;
  private final TaskMeters meters;

  ClaimBurials(WorkerStats stats, TaskMeters meters) {
    this.stats = stats;
    this.meters = meters;
  }

  void record(String queue, List<Buried> buried) {
    for (Buried one : buried) {
      stats.recordDead();
      meters.dead(TaskMeters.UNKNOWN, queue, reason(one.code()));
      LOG.atWarn().addKeyValue("task_id", one.taskId()).addKeyValue("queue", queue).addKeyValue("reason", one.code())
        .log("task {} of queue {} is dead without running: {}", one.taskId(), queue, one.reason());
    }
  }

  private static DeadReason reason(String code) {
    try {
      return DeadReason.valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return DeadReason.DAMAGED; // a code of a newer script: still a delivery that could not be read
    }
  }
}
