package dev.courier.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

/**
 * The order in which one fetch round asks the queues for work: a weighted random permutation, drawn anew for every
 * round (Sidekiq's and asynq's weighted mode). A queue with weight w comes first w times as often as one with
 * weight 1; every queue with work is asked in every round that has slots left, so none can starve.
 */
final class FairOrder {

  private FairOrder() {
  }

  static <T> List<T> draw(List<T> candidates, ToIntFunction<T> weight) {
    List<T> pool = new ArrayList<>(candidates);
    List<T> order = new ArrayList<>(pool.size());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!pool.isEmpty()) {
      long total = 0;
      for (T t : pool) {
        total += Math.max(1, weight.applyAsInt(t));
      }
      long pick = random.nextLong(total);
      for (int i = 0; i < pool.size(); i++) {
        pick -= Math.max(1, weight.applyAsInt(pool.get(i)));
        if (pick < 0) {
          order.add(pool.remove(i));
          break;
        }
      }
    }
    return order;
  }
}
