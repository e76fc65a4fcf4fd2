package dev.courier.internal.worker;

import dev.courier.internal.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says why a running delivery's lease was found gone (a renewal no longer held its entry): Redis lost the queue's data
 * after the entry was made (the queue's marker is checked then), or the lease expired and the entry was reclaimed,
 * so another worker may run the task again. Logged at WARN, on the caller's context.
 */
final class LostLease {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewer.class);

  private LostLease() {
  }

  static void report(WorkQueue queue, String entryId) {
    queue.lastDataLoss().otherwise(-1L).onSuccess(lossAtMs -> {
      if (lossAtMs >= 0 && lossAtMs >= entryMs(entryId)) {
        LOG.warn("a running task of queue {} lost its delivery (entry {}): Redis lost the queue's data while it ran "
          + "(see the ERROR line of that loss), so its outcome cannot be recorded", queue.keys().queue(), entryId);
      } else {
        LOG.warn("a running task of queue {} lost its lease (entry {}): the node stalled past tasks.leaseSeconds, and "
          + "another worker may run the task again", queue.keys().queue(), entryId);
      }
    });
  }

  /** @return when Redis made the stream entry (its id's time part, Redis's clock), or 0 if the id has none */
  private static long entryMs(String entryId) {
    int dash = entryId.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
