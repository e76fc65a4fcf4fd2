package dev.courier.internal.redis;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the node's Redis calls complete: an outage begins at a call that got no reply within its deadline and ends
 * at the next reply. One WARN when it begins and one INFO when it ends (not a line per call), a count of the calls
 * that timed out (metric {@code courier.redis.timeouts}), and a readiness probe that fails during an outage without
 * waiting for a call of its own. Thread-safe: calls finish on every event loop.
 */
public final class RedisHealth {

  private static final Logger LOG = LoggerFactory.getLogger(RedisHealth.class);
  // an outage that flaps (a reply, then a timeout on another old connection) warns once in this long
  private static final long WARN_EVERY_MS = 30_000;

  private final SilentSockets sockets = new SilentSockets();
  private final AtomicLong timeouts = new AtomicLong();
  // ms since the epoch when the outage began; 0 while calls complete
  private final AtomicLong downSince = new AtomicLong();
  private volatile String lastTimeout = "";
  private volatile long warnedAt;
  private volatile boolean warned;

  /** A call got its reply (any reply, an error reply too: Redis answers). */
  void replied() {
    if (downSince.get() != 0) {
      long since = downSince.getAndSet(0);
      if (since != 0 && warned) {
        warned = false;
        LOG.info("Redis answers again, after {} ms without replies; calls succeed again", now() - since);
      }
    }
  }

  /** A call got no reply within its deadline: {@code message} says which, and what was done. */
  void timedOut(String message) {
    timeouts.incrementAndGet();
    lastTimeout = message;
    long now = now();
    if (downSince.compareAndSet(0, now) && now - warnedAt >= WARN_EVERY_MS) {
      warnedAt = now;
      warned = true;
      LOG.warn("Redis is unreachable: {}. Fires answer 503 and duties retry on new connections until it answers "
        + "(one line per outage)", message);
    }
  }

  /** The sockets of both pools: after a timeout, those not heard from since are dropped before use. */
  SilentSockets sockets() {
    return sockets;
  }

  /** @return calls that timed out since the node started (only grows) */
  public long timeouts() {
    return timeouts.get();
  }

  /** @return whether the last call to end got no reply: an outage has begun and not yet ended */
  public boolean unreachable() {
    return downSince.get() != 0;
  }

  /** Fails at once during an outage, naming the call that timed out; else succeeds. */
  public Future<Void> probe() {
    return unreachable() ? Future.failedFuture(RedisTimeoutException.unreachable(lastTimeout))
      : Future.succeededFuture();
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
