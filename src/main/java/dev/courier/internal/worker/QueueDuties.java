package dev.courier.internal.worker;

import dev.courier.internal.queue.RedisQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The moves that keep a node's queues flowing whether or not it runs workers: per queue, a {@link Promoter} (due
 * delayed and retrying tasks to ready) and a {@link Recoverer} (expired leases back to ready). Every node deploys one,
 * API-only nodes too, so that with the workers scaled to zero tasks still fall due into {@code ready}, where a
 * queue-depth autoscaler sees them. Each tick is one atomic script, so any number of nodes may run them at once.
 *
 * <p>Start-up does not wait for Redis (an API node starts while it is down): a queue that cannot be opened yet is
 * tried again every {@value #RETRY_MS} ms until it can.
 */
public final class QueueDuties extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(QueueDuties.class);
  static final long RETRY_MS = 2_000;

  private final WorkerResources resources;
  private final List<String> queueNames;
  private final List<Promoter> promoters = new ArrayList<>();
  private final List<Recoverer> recoverers = new ArrayList<>();
  private boolean stopped;
  private HomeLoop duties; // this verticle's context: the duties' timers and subscriptions live there, checked


  public QueueDuties(WorkerResources resources, List<String> queueNames) {
    this.resources = resources;
    this.queueNames = List.copyOf(queueNames);
  }

  @Override
  public Future<?> start() {
    duties = new HomeLoop((ContextInternal) context, List.of());
    queueNames.forEach(name -> open(name, true));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    promoters.forEach(Promoter::stop);
    recoverers.forEach(Recoverer::stop);
    return Future.succeededFuture();
  }

  private void open(String name, boolean first) {
    if (stopped) {
      return;
    }
    // Queues.get answers on this verticle's context, where the duties' timers and subscriptions must all live
    resources.queues().get(name).onComplete(opened -> {
      if (opened.succeeded()) {
        begin(opened.result());
        return;
      }
      if (first) {
        LOG.warn("cannot open queue {} to promote and recover its tasks ({}); trying again every {} ms", name,
          opened.cause().getMessage(), RETRY_MS);
      }
      vertx.setTimer(RETRY_MS, t -> open(name, false));
    });
  }

  private void begin(RedisQueue queue) {
    if (stopped) {
      return;
    }
    Promoter promoter = new Promoter(vertx, duties, queue, resources);
    Recoverer recoverer = new Recoverer(vertx, duties, queue, resources.config().leaseSeconds() * 1000L,
      resources.clock());
    promoters.add(promoter);
    recoverers.add(recoverer);
    promoter.start();
    recoverer.start();
  }
}
