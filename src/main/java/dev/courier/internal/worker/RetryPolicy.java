package dev.courier.internal.worker;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code base * 2^(n-1)}, capped. The jitter
 * keeps a burst of failures (a third party down) from retrying in lockstep.
 */
public record RetryPolicy(long baseMillis, long maxMillis) {

  /** @return milliseconds to wait after failed attempt {@code attempt} (1-based). */
  public long backoff(int attempt) {
    long ceiling = Math.min(maxMillis, baseMillis << Math.min(30, Math.max(0, attempt - 1)));
    long half = ceiling / 2;
    return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
  }
}
