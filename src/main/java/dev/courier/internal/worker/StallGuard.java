package dev.courier.internal.worker;

import java.util.function.LongSupplier;

/**
 * Tells the recoverer when its view of the leases cannot be trusted: right after a gap in its own contact with Redis
 * (Redis paused or unreachable, the network or this node stalled). Through such a gap live workers could not renew
 * their leases either, so every running task looks expired; reclaiming at once would run them twice. After a gap
 * the recoverer waits one renewal period, so every live worker renews first.
 *
 * <p>Time here is real elapsed time ({@code System.nanoTime}), never the node's injectable clock: stalls are real.
 */
final class StallGuard {

  private final long toleranceMs;
  private final long quietMs;
  private final LongSupplier nanos;
  private long lastContactNanos = -1;

  /**
   * @param toleranceMs a reply slower than this, or a step reaching Redis this late, is a stall
   * @param quietMs     a silence since the last contact longer than this is a gap (a false alarm only delays
   *                    recovery by a renewal period, so this may be tight)
   */
  StallGuard(long toleranceMs, long quietMs, LongSupplier nanos) {
    this.toleranceMs = toleranceMs;
    this.quietMs = quietMs;
    this.nanos = nanos;
  }

  long now() {
    return nanos.getAsLong();
  }

  /**
   * Records a reply to a request sent at {@code sentNanos}.
   *
   * @return whether a gap ended with it (a slow reply, or a long silence before the request)
   */
  boolean contact(long sentNanos) {
    long now = now();
    boolean slow = millis(now - sentNanos) > toleranceMs;
    boolean silent = lastContactNanos >= 0 && millis(sentNanos - lastContactNanos) > quietMs;
    lastContactNanos = now;
    return slow || silent;
  }

  /** @return the Redis time after which a step must not reclaim, from a Redis clock reading taken at {@code atNanos} */
  long deadline(long redisMs, long atNanos) {
    return redisMs + millis(now() - atNanos) + toleranceMs;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
