package dev.courier.internal.worker;

import org.slf4j.Logger;

/**
 * Logs the failures of one background duty (a recoverer, the lease renewals) without flooding the log: the first
 * failure at once, then at most one line a minute with how many were not shown, and one line when it recovers.
 * It also reports the duty to readiness while it fails, unless it is {@link #loggedOnly}.
 */
final class DutyLog {

  private static final long QUIET_MS = 60_000;

  private final Logger log;
  private final String duty;
  private final WorkerHealth health;
  private long lastLoggedAt = -1;
  private int suppressed;
  private boolean failing;

  DutyLog(Logger log, String duty, WorkerHealth health) {
    this.log = log;
    this.duty = duty;
    this.health = health;
  }

  /**
   * A duty whose failures are only logged: housekeeping that every node runs on a period of seconds (promoting,
   * recovering, pruning). Readiness already fails while Redis cannot answer (RedisHealth), and a failed tick of such a
   * duty would keep a node out of service until its next tick, long after Redis is back.
   */
  static DutyLog loggedOnly(Logger log, String duty) {
    return new DutyLog(log, duty, null);
  }

  void failed(Throwable err, long nowMs) {
    failing = true;
    if (health != null) {
      health.problem(duty, "failing: " + err.getMessage());
    }
    if (lastLoggedAt < 0 || nowMs - lastLoggedAt >= QUIET_MS) {
      log.warn("{} failed: {}{}", duty, err.getMessage(),
        suppressed == 0 ? "" : " (" + suppressed + " more failure(s) since the last line)");
      lastLoggedAt = nowMs;
      suppressed = 0;
    } else {
      suppressed++;
    }
  }

  void succeeded() {
    if (failing) {
      failing = false;
      lastLoggedAt = -1;
      suppressed = 0;
      if (health != null) {
        health.ok(duty);
      }
      log.info("{} works again", duty);
    }
  }
}
