package dev.courier.worker;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.queue.RedisQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks of the queues in {@code tasks.queues}: for each, a fetcher, a promoter and a recoverer. Deployed
 * {@code tasks.workers} times on nodes whose role is {@code worker} or {@code all}. On stop (SIGTERM) it stops
 * fetching and lets runs in flight finish for up to {@code tasks.shutdownGraceSeconds}; what is still running then
 * stays leased and is redelivered elsewhere.
 */
public final class WorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);

  private final WorkerResources resources;
  private final List<Fetcher> fetchers = new ArrayList<>();
  private final List<Promoter> promoters = new ArrayList<>();
  private final List<Recoverer> recoverers = new ArrayList<>();
  private final Fetcher.InFlight inFlight = new Fetcher.InFlight();

  public WorkerVerticle(WorkerResources resources) {
    this.resources = resources;
  }

  @Override
  public Future<?> start() {
    String consumer = "worker-" + UlidCreator.getMonotonicUlid();
    TaskRunner runner = new TaskRunner(vertx, resources);
    List<Future<RedisQueue>> opened = resources.config().queues().stream().map(resources.queues()::get).toList();
    return Future.all(opened).onSuccess(all -> opened.forEach(f -> {
      RedisQueue queue = f.result();
      fetchers.add(new Fetcher(vertx, queue, consumer, resources, runner, inFlight));
      promoters.add(new Promoter(vertx, queue, resources));
      recoverers.add(new Recoverer(vertx, queue, resources.config().leaseSeconds() * 1000L));
    })).onSuccess(all -> {
      fetchers.forEach(Fetcher::start);
      promoters.forEach(Promoter::start);
      recoverers.forEach(Recoverer::start);
    });
  }

  @Override
  public Future<?> stop() {
    fetchers.forEach(Fetcher::stop);
    promoters.forEach(Promoter::stop);
    recoverers.forEach(Recoverer::stop);
    int running = inFlight.count();
    if (running > 0) {
      LOG.info("waiting up to {} s for {} running task(s)", resources.config().shutdownGraceSeconds(), running);
    }
    return inFlight.drained()
      .timeout(Math.max(1, resources.config().shutdownGraceSeconds()), TimeUnit.SECONDS)
      .recover(late -> {
        LOG.warn("{} task(s) still running at shutdown stay leased and will be redelivered", inFlight.count());
        return Future.succeededFuture();
      });
  }
}
