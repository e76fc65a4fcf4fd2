package dev.courier.internal.worker;

import java.time.Clock;

/**
 * How long the dispatcher's claim in flight has waited for its answer: the {@code courier_worker_claim_inflight_ms}
 * gauge, and readiness's "claim loop" check once it passes {@value #STUCK_MS} ms (no task starts while it hangs).
 * Written on the home loop, read from any thread.
 */
final class ClaimWatch {

  // A claim answers in milliseconds, and the gateway's deadline fails one long before this.
  static final long STUCK_MS = 10_000;

  private final Clock clock;
  private volatile long sentAtMs = -1;

  ClaimWatch(Clock clock) {
    this.clock = clock;
  }

  void sent() {
    sentAtMs = clock.millis();
  }

  void answered() {
    sentAtMs = -1;
  }

  /** @return how long the claim in flight has waited, 0 when none is */
  long inFlightMs() {
    long since = sentAtMs;
    return since < 0 ? 0 : Math.max(0, clock.millis() - since);
  }

  /** @return why the claim loop is stuck, or null */
  String stuck() {
    long inFlightMs = inFlightMs();
    return inFlightMs > STUCK_MS ? "a claim has been in flight for " + inFlightMs + " ms: no task starts until it "
      + "answers" : null;
  }
}
