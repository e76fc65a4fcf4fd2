package dev.courier.internal.worker;

import io.vertx.core.Future;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether this node's workers run: not yet started, stopping, or with a problem (a queue that cannot be read, a
 * background duty that keeps failing, a claim loop stuck on a claim that does not answer). Readiness reports every
 * current problem by name until it clears.
 */
public final class WorkerHealth {

  private final Map<String, String> problems = new ConcurrentHashMap<>();
  // problems nobody reports (a call that never answers calls nothing back): asked for at each probe
  private final Map<String, Supplier<String>> watched = new ConcurrentHashMap<>();
  private volatile boolean started;
  private volatile boolean stopping;

  /** The node calls this once its workers consume; until then readiness says they are starting. */
  public void started() {
    started = true;
  }

  /** Stop has begun: readiness fails so that load balancers and probes stop counting on this node. */
  void stopping() {
    stopping = true;
  }

  /** {@code what} (e.g. {@code queue emails}) has a problem, described by {@code reason}, until {@link #ok}. */
  void problem(String what, String reason) {
    problems.put(what, reason);
  }

  void ok(String what) {
    problems.remove(what);
  }

  /** {@code what} has a problem whenever {@code why} answers one (not null); asked at each probe, from any thread. */
  void watch(String what, Supplier<String> why) {
    watched.put(what, why);
  }

  /** Readiness probe: fails while starting, stopping or while any problem is reported. */
  public Future<Void> probe() {
    if (stopping) {
      return Future.failedFuture("workers are stopping");
    }
    if (!started) {
      return Future.failedFuture("workers are starting");
    }
    Map<String, String> now = new TreeMap<>(problems);
    watched.forEach((what, why) -> {
      String problem = why.get();
      if (problem != null) {
        now.put(what, problem);
      }
    });
    if (now.isEmpty()) {
      return Future.succeededFuture();
    }
    StringBuilder reason = new StringBuilder();
    now.forEach((what, why) -> reason.append(reason.length() == 0 ? "" : "; ")
      .append(what).append(": ").append(why));
    return Future.failedFuture(reason.toString());
  }
}
