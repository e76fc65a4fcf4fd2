package dev.courier.internal.queue;

import java.util.List;

/**
 * What one {@link RedisQueue#claim} call got: the runs it started, and where to wait for more.
 *
 * @param waitFrom  {@code null} when the read was full (more may be waiting: claim again); otherwise the group's
 *                  last-delivered id, from which {@link RedisQueue#awaitNew} wakes on the next new entry
 * @param completed for each finished delivery the call completed first, in order: whether it was its to finish
 * @param paused    the queue is paused by an operator: nothing was read (the completions were made)
 * @param buried    deliveries read but buried at once (unknown id, damaged hash, entry without an id), never started
 */
public record Claimed(List<Started> runs, String waitFrom, List<Boolean> completed, boolean paused,
                      List<Buried> buried) {

  public Claimed {
    runs = List.copyOf(runs);
    completed = List.copyOf(completed);
    buried = List.copyOf(buried);
  }

  public Claimed(List<Started> runs, String waitFrom, List<Boolean> completed) {
    this(runs, waitFrom, completed, false, List.of());
  }

  /** What a claim of a paused queue answers: no run, the completions it made. */
  static Claimed paused(List<Boolean> completed) {
    return new Claimed(List.of(), null, completed, true, List.of());
  }

  /** @return whether the queue may still hold deliveries nobody has read (false for a paused queue). */
  public boolean mayHaveMore() {
    return waitFrom == null && !paused;
  }
}
