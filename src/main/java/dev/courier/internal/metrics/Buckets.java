package dev.courier.internal.metrics;

import java.time.Duration;

/**
 * The histogram buckets of Courier's timers: fixed, so every node publishes the same {@code le} values and a
 * Prometheus {@code histogram_quantile} over several nodes adds like with like. Fixed buckets also cost one array
 * search per sample, where Micrometer's percentile histogram would publish some 70 buckets per series.
 */
final class Buckets {

  /** An HTTP request: 1 ms to 10 s. */
  static final Duration[] HTTP = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000);

  /** A task's time in a queue or its run: 1 ms to 1 h. */
  static final Duration[] TASK = millis(1, 5, 10, 50, 100, 500, 1000, 5000, 10_000, 30_000, 60_000, 300_000, 900_000,
    3_600_000);

  private Buckets() {
  }

  private static Duration[] millis(long... bounds) {
    Duration[] durations = new Duration[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      durations[i] = Duration.ofMillis(bounds[i]);
    }
    return durations;
  }
}
