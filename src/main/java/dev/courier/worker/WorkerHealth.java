package dev.courier.worker;

import io.vertx.core.Future;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which fetchers of this node are paused because Redis is unreachable; readiness reports them. */
public final class WorkerHealth {

  private final Set<String> paused = ConcurrentHashMap.newKeySet();

  void paused(String fetcher) {
    paused.add(fetcher);
  }

  void resumed(String fetcher) {
    paused.remove(fetcher);
  }

  /** Readiness probe: fails while any fetcher waits for Redis. */
  public Future<Void> probe() {
    return paused.isEmpty()
      ? Future.succeededFuture()
      : Future.failedFuture("workers paused, waiting for Redis: " + String.join(", ", paused));
  }
}
