package dev.courier.internal.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Times out running attempts with one sweep over a node-wide table instead of a timer per task: arming and disarming
 * are a set insert and remove, and the sweep runs every {@value #SWEEP_MS} ms only while some attempt is armed. A
 * timeout fires up to that much late, which is noise beside timeouts counted in seconds.
 *
 * <p>The sweep runs on a thread of its own, never on an event loop: a {@code Future} task that blocks its lane (or the
 * home loop, where it must share a lane's loop) would otherwise hold back the very timer that must fail it. Expiry
 * actions therefore only complete promises and interrupt threads, which is safe from any thread.
 */
final class Deadlines {

  static final long SWEEP_MS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

  private final ScheduledThreadPoolExecutor sweeper;
  private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean sweeping = new AtomicBoolean();

  Deadlines() {
    sweeper = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "courier-task-deadlines");
      t.setDaemon(true);
      return t;
    });
    // an idle node keeps no thread: it ends after a few idle seconds and the next arm starts a new one
    sweeper.setKeepAliveTime(5, TimeUnit.SECONDS);
    sweeper.allowCoreThreadTimeOut(true);
  }

  /** Arms {@code onExpiry} (run on the sweep thread) for {@code timeoutMs} from now; safe from any thread. */
  Deadline arm(long timeoutMs, Runnable onExpiry) {
    Deadline deadline = new Deadline(System.nanoTime() + timeoutMs * 1_000_000L, onExpiry);
    armed.add(deadline);
    if (sweeping.compareAndSet(false, true)) {
      sweeper.schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
    }
    return deadline;
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Deadline deadline : armed) {
      if (now - deadline.atNanos >= 0 && armed.remove(deadline)) {
        try {
          deadline.onExpiry.run();
        } catch (RuntimeException e) {
          LOG.error("a task timeout's action failed", e);
        }
      }
    }
    if (!armed.isEmpty()) {
      sweeper.schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
      return;
    }
    sweeping.set(false);
    if (!armed.isEmpty() && sweeping.compareAndSet(false, true)) { // armed between the check and the reset
      sweeper.schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
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
