package dev.courier.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting on the test thread (never an event loop). */
final class Waits {

  private Waits() {
  }

  static void until(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
