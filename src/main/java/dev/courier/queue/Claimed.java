package dev.courier.queue;

import java.util.List;

/**
 * What one {@link RedisQueue#claim} call got: the runs it started, and where to wait for more.
 *
 * @param waitFrom {@code null} when the read was full (more may be waiting: claim again); otherwise the group's
 *                 last-delivered id, from which {@link RedisQueue#awaitNew} wakes on the next new entry
 */
public record Claimed(List<Started> runs, String waitFrom) {

  public Claimed {
    runs = List.copyOf(runs);
  }

  /** @return whether the queue may still hold deliveries nobody has read. */
  public boolean mayHaveMore() {
    return waitFrom == null;
  }
}
