package dev.courier.internal.worker;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outcome Redis refused to record because the delivery no longer owns its task: logged (WARN) with its true cause
 * and counted, never dropped in silence. The causes, checked in this order: Redis lost the queue's data while the
 * attempt ran (the queue's marker is checked on the spot, so a loss another node found first is seen too); this node
 * saw the lease lost ({@link LeaseRenewer}: it stalled or could not renew past {@code tasks.leaseSeconds}); else
 * another delivery took the task although the lease was renewed (an early reclaim, a duplicate delivery).
 */
final class LostOutcome {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class); // where operators look for outcomes

  private final WorkerStats stats;

  LostOutcome(WorkerStats stats) {
    this.stats = stats;
  }

  /**
   * @param outcome     what the attempt ended as ({@code succeeded}, {@code retrying}, {@code dead (reason)})
   * @param leaseLost   whether this node's renewals found the lease gone while the attempt ran
   * @param triedBefore whether an earlier try of this write failed without an answer (it may have been applied)
   */
  Future<Void> report(Delivery d, String outcome, boolean leaseLost, boolean triedBefore) {
    stats.lostOutcome();
    return d.queue().lastDataLoss().otherwise(-1L).map(lossAtMs -> {
      String cause = cause(lossAtMs >= d.startedAtMs(), leaseLost);
      String earlier = triedBefore ? " (an earlier try of this write failed; had Redis run it before failing, the "
        + "outcome was recorded then)" : "";
      LOG.atWarn().addKeyValue("task_id", d.claim().taskId()).addKeyValue("queue", d.queue().keys().queue())
        .addKeyValue("outcome", outcome).addKeyValue("entry", d.claim().entryId())
        .log("task {} {} ended as '{}', but {}: that outcome is lost{}", d.task(), d.claim().taskId(), outcome,
          cause, earlier);
      if (d.attempt() != null) {
        d.attempt().unrecorded(cause);
      }
      return null;
    });
  }

  static String cause(boolean dataLost, boolean leaseLost) {
    if (dataLost) {
      return "Redis lost the queue's data while it ran (see the ERROR line of that loss), so no delivery owns it now";
    }
    if (leaseLost) {
      return "another delivery owns it now: its lease expired while it ran (this node stalled or could not renew "
        + "it within tasks.leaseSeconds) and it was reclaimed; the other delivery decides";
    }
    return "another delivery owns it now (it was reclaimed or delivered again while this node still renewed its "
      + "lease); the other delivery decides";
  }
}
