package dev.courier.internal.worker;

import io.vertx.core.Future;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether this node's workers run: not yet started, stopping, or with a problem (a queue that cannot be read, a
 * background duty that keeps failing). Readiness reports every current problem by name until it clears.
 */
public final class WorkerHealth {

  private final Map<String, String> problems = new ConcurrentHashMap<>();
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

  /** Readiness probe: fails while starting, stopping or while any problem is reported. */
  public Future<Void> probe() {
    if (stopping) {
      return Future.failedFuture("workers are stopping");
    }
    if (!started) {
      return Future.failedFuture("workers are starting");
    }
    if (problems.isEmpty()) {
      return Future.succeededFuture();
    }
    StringBuilder reason = new StringBuilder();
    new TreeMap<>(problems).forEach((what, why) -> reason.append(reason.length() == 0 ? "" : "; ")
      .append(what).append(": ").append(why));
    return Future.failedFuture(reason.toString());
  }
}
