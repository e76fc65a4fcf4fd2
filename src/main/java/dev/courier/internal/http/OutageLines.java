package dev.courier.internal.http;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The WARN lines of requests answered 503 because a dependency is down: during an outage every request fails the same
 * way (a 30 s Redis partition under 200 fires/s wrote 5,800 identical lines), so one line is written per
 * {@value #EVERY_MS} ms with how many were not shown; the rest go to DEBUG. The outage itself is logged once by
 * whoever sees it (RedisHealth: "Redis is unreachable"). Thread-safe: requests fail on every event loop.
 */
final class OutageLines {

  static final long EVERY_MS = 10_000;

  private final Logger log;
  private final AtomicLong lastAt = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicLong unshown = new AtomicLong();

  OutageLines(Logger log) {
    this.log = log;
  }

  /** @param format one {@code {}} for what failed */
  void warn(String format, String failure, long nowMs) {
    long last = lastAt.get();
    if (nowMs - last >= EVERY_MS && lastAt.compareAndSet(last, nowMs)) {
      long skipped = unshown.getAndSet(0);
      log.warn(format + (skipped == 0 ? "" : " (" + skipped + " more such answer(s) in the last " + EVERY_MS / 1000
        + " s, at DEBUG)"), failure);
    } else {
      unshown.incrementAndGet();
      log.debug(format, failure);
    }
  }
}
