package dev.courier.task;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits on the test thread (never an event loop) until a condition holds, or fails after a bound. */
final class Poll {

  private Poll() {
  }

  static <T> T until(Duration limit, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + limit.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit + "; last value: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = probe.get();
    }
    return last;
  }
}
