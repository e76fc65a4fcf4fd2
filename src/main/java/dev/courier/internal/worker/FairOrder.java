package dev.courier.internal.worker;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

/**
 * Which queue a claim goes to: one of the queues that may have work, drawn at random by weight for every claim
 * (Sidekiq's and asynq's weighted mode). A queue with weight w is picked w times as often as one with weight 1, and
 * every queue with work has a chance at every claim, so none can starve.
 */
final class FairOrder {

  private FairOrder() {
  }

  /** @return one of {@code candidates} (not empty), each with a chance proportional to its weight. */
  static <T> T pick(List<T> candidates, ToIntFunction<T> weight) {
    long total = 0;
    for (T t : candidates) {
      total += Math.max(1, weight.applyAsInt(t));
    }
    long pick = ThreadLocalRandom.current().nextLong(total);
    for (T t : candidates) {
      pick -= Math.max(1, weight.applyAsInt(t));
      if (pick < 0) {
        return t;
      }
    }
    return candidates.get(candidates.size() - 1);
  }
}
