package dev.courier.internal.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waiting on the test thread (never an event loop) for something a node does in the background. */
public final class Eventually {

  private Eventually() {
  }

  /** Waits until {@code condition} holds; fails after {@code limit}. */
  public static void until(Duration limit, BooleanSupplier condition) {
    until(limit, condition::getAsBoolean, held -> held);
  }

  /** Waits until {@code done} accepts what {@code probe} returns, and returns that; fails after {@code limit}. */
  public static <T> T until(Duration limit, Supplier<T> probe, Predicate<T> done) {
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
