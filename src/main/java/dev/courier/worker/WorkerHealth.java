package dev.courier.worker;

import io.vertx.core.Future;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Whether this node's workers run: not yet started, or fetchers paused because Redis is unreachable. */
public final class WorkerHealth {

  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  private volatile boolean started;

  /** The node calls this once its worker verticles are deployed; until then readiness says they are starting. */
  public void started() {
    started = true;
  }

  void paused(String fetcher) {
    paused.add(fetcher);
  }

  void resumed(String fetcher) {
    paused.remove(fetcher);
  }

  /** Readiness probe: fails while any fetcher waits for Redis. */
  public Future<Void> probe() {
    if (!started) {
      return Future.failedFuture("workers are starting");
    }
    return paused.isEmpty()
      ? Future.succeededFuture()
      : Future.failedFuture("workers paused, waiting for Redis: " + String.join(", ", paused));
  }
}
