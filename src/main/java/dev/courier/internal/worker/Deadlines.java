package dev.courier.internal.worker;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Times out running attempts with one sweep over a node-wide table instead of a timer per task: arming and disarming
 * are a set insert and remove, and the sweep runs on the home context every {@value #SWEEP_MS} ms only while some
 * attempt is armed. A timeout fires up to that much late, which is noise beside timeouts counted in seconds.
 */
final class Deadlines {

  static final long SWEEP_MS = 100;

  private final Vertx vertx;
  private final ContextInternal home;
  private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private long timer = -1;

  Deadlines(Vertx vertx, ContextInternal home) {
    this.vertx = vertx;
    this.home = home;
  }

  /** Arms {@code onExpiry} (run on the home context) for {@code timeoutMs} from now; safe from any thread. */
  Deadline arm(long timeoutMs, Runnable onExpiry) {
    Deadline deadline = new Deadline(System.nanoTime() + timeoutMs * 1_000_000L, onExpiry);
    armed.add(deadline);
    if (sweeping.compareAndSet(false, true)) {
      home.runOnContext(v -> timer = vertx.setPeriodic(SWEEP_MS, t -> sweep()));
    }
    return deadline;
  }

  private void sweep() {
    HomeLoop.check(home, "Deadlines");
    long now = System.nanoTime();
    for (Deadline deadline : armed) {
      if (now - deadline.atNanos >= 0 && armed.remove(deadline)) {
        deadline.onExpiry.run();
      }
    }
    if (armed.isEmpty()) {
      vertx.cancelTimer(timer);
      sweeping.set(false);
      if (!armed.isEmpty() && sweeping.compareAndSet(false, true)) { // armed between the check and the reset
        timer = vertx.setPeriodic(SWEEP_MS, t -> sweep());
      }
    }
  }

  /** One armed timeout; {@link #disarm} when the attempt ends first. */
  final class Deadline {
    private final long atNanos;
    private final Runnable onExpiry;

    private Deadline(long atNanos, Runnable onExpiry) {
      this.atNanos = atNanos;
      this.onExpiry = onExpiry;
    }

    void disarm() {
      armed.remove(this);
    }
  }
}
