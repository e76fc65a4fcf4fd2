package dev.courier.internal.worker;

import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one shape of a node's periodic background duties: a Vert.x timer that fires every period plus up to half a
 * period of random jitter (so the nodes of a cluster do not all ask Redis at once), one {@link #tick()} per firing,
 * failures logged through a {@link DutyLog}, and nothing more once stopped. Every firing checks it is on the home loop.
 */
abstract class JitteredDuty {

  private final Vertx vertx;
  private final HomeLoop home;
  private final DutyLog failures;
  private final long periodMs;
  private final Clock clock;
  private long timer = -1;
  private boolean stopped;

  JitteredDuty(Vertx vertx, HomeLoop home, long periodMs, Clock clock, DutyLog failures) {
    this.vertx = vertx;
    this.home = home;
    this.periodMs = periodMs;
    this.clock = clock;
    this.failures = failures;
  }

  /** One round of the duty; it ends by calling {@link #succeeded()}, {@link #failed} or {@link #continueIn}. */
  abstract void tick();

  final void start() {
    home.check(getClass().getSimpleName());
    schedule();
  }

  final void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** The round is over and worked: sleep until the next one. */
  final void succeeded() {
    failures.succeeded();
    schedule();
  }

  /** The round failed: log it (rate-limited, and reported to readiness), then sleep until the next one. */
  final void failed(Throwable err) {
    if (!stopped) {
      failures.failed(err, clock.millis());
      schedule();
    }
  }

  /** The round goes on with another step in {@code delayMs}. */
  final void continueIn(long delayMs, Runnable step) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), t -> {
        home.check(getClass().getSimpleName());
        step.run();
      });
    }
  }

  private void schedule() {
    if (!stopped) {
      timer = vertx.setTimer(periodMs + ThreadLocalRandom.current().nextLong(periodMs / 2 + 1), t -> {
        home.check(getClass().getSimpleName());
        tick();
      });
    }
  }
}
