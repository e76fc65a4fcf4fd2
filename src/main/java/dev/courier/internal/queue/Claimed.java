package dev.courier.internal.queue;

import java.util.List;

/**
 * What one {@link RedisQueue#claim} call got: the runs it started, and where to wait for more.
 *
 * @param waitFrom  {@code null} when the read was full (more may be waiting: claim again); otherwise the group's
 *                  last-delivered id, from which {@link RedisQueue#awaitNew} wakes on the next new entry
 * @param completed for each finished delivery the call completed first, in order: whether it was its to finish
 */
public record Claimed(List<Started> runs, String waitFrom, List<Boolean> completed) {

  public Claimed {
    runs = List.copyOf(runs);
    completed = List.copyOf(completed);
  }

  /** @return whether the queue may still hold deliveries nobody has read. */
  public boolean mayHaveMore() {
    return waitFrom == null;
  }
}
