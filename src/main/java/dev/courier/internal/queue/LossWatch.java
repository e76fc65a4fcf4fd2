package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks every {@value #PERIOD_MS} ms that each queue's marker is still the one this node adopted, remembering the
 * queue's counts meanwhile ({@link QueueMarker#check}), so that Redis losing its data is found even when no worker
 * meets a {@code NOGROUP}, and reported with what was there shortly before. A check failing (Redis down) is left to
 * the readiness probe of Redis.
 */
public final class LossWatch {

  private static final Logger LOG = LoggerFactory.getLogger(LossWatch.class);
  static final long PERIOD_MS = 2_000;

  private final Vertx vertx;
  private final Queues queues;
  private final List<String> names;
  private long timer = -1;
  private boolean checking;

  public LossWatch(Vertx vertx, Queues queues, List<String> names) {
    this.vertx = vertx;
    this.queues = queues;
    this.names = List.copyOf(names);
  }

  public void start() {
    timer = vertx.setPeriodic(PERIOD_MS, t -> checkAll());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void checkAll() {
    if (checking) {
      return; // the last round still waits for a slow Redis
    }
    checking = true;
    List<Future<?>> checks = new ArrayList<>();
    for (String name : names) {
      checks.add(queues.get(name).compose(q -> q.marker().check())
        .onFailure(err -> LOG.debug("cannot check queue {} for lost data: {}", name, err.toString())));
    }
    Future.join(checks).onComplete(v -> checking = false);
  }
}
