package dev.courier.internal.worker;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.internal.config.TasksConfig;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A node's task workers: {@code tasks.workers} lanes ({@link WorkerVerticle}s), one {@link Dispatcher} that claims
 * for all of them, and per queue one {@link Janitor}; one {@link LeaseRenewer} for the node. (Promoting and
 * recovering are not theirs: every node, workers or not, runs them in {@link QueueDuties}.) The dispatcher, the
 * renewer and the janitors run on the home loop ({@link HomeLoop}), an event loop of their own apart from the lanes,
 * and check that they do. Blocking task bodies run on the node's own pool ({@code tasks.concurrency} threads), apart
 * from the threads that serve HTTP. The node consumes every queue of {@code tasks.queues} and every queue a
 * registered {@code @AsyncTask} names.
 */
public final class WorkerRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

  private final Vertx vertx;
  private final WorkerResources resources;
  private final List<String> queueNames;
  private final Lanes lanes = new Lanes();
  private final WorkerStats stats = new WorkerStats();
  private final String consumer = "node-" + UlidCreator.getMonotonicUlid();
  private final List<Janitor> janitors = new ArrayList<>();
  private final List<WorkQueue> queues = new ArrayList<>();
  private WorkerExecutor blockingPool;
  private LeaseRenewer renewer;
  private Dispatcher dispatcher;
  private volatile HomeLoop home;
  private Future<Void> stopped;

  public WorkerRuntime(Vertx vertx, WorkerResources resources, List<String> queueNames) {
    this.vertx = vertx;
    this.resources = resources;
    this.queueNames = List.copyOf(queueNames);
  }

  /** Deploys the lanes, then starts consuming; the future holds the lanes' deployment id. */
  public Future<String> deploy() {
    Supplier<WorkerVerticle> lane = () -> new WorkerVerticle(this);
    return vertx.deployVerticle(lane, new DeploymentOptions().setInstances(resources.config().workers()))
      .compose(id -> {
        HomeLoop loop = HomeLoop.apartFrom((VertxInternal) vertx, lanes.contexts());
        lanes.home(loop);
        home = loop;
        return loop.run(this::start).map(id);
      });
  }

  void addLane(ContextInternal context) {
    lanes.add(context);
  }

  public WorkerStats stats() {
    return stats;
  }

  /**
   * @return how many tasks run on this node now, bodies that overran their timeout and still hold their thread
   * included (read from any thread)
   */
  public long running() {
    return stats.running();
  }

  /** @return how long the dispatcher's claim in flight has waited, in ms (0: none); read from any thread */
  public long claimInFlightMs() {
    Dispatcher d = dispatcher;
    return d == null ? 0 : d.claimInFlightMs();
  }

  /** @return this node's consumer name in every queue's group. */
  public String consumer() {
    return consumer;
  }

  /** @return the home loop, once the lanes are deployed (null before). */
  HomeLoop home() {
    return home;
  }

  private Future<Void> start() {
    synchronized (this) {
      if (stopped != null) {
        return Future.succeededFuture(); // stopped before it started: nothing to start
      }
    }
    TasksConfig config = resources.config();
    long leaseMs = config.leaseSeconds() * 1000L;
    // Queues.get answers on this (the home) context, whoever opened the queue first
    List<Future<RedisQueue>> opened = queueNames.stream().map(resources.queues()::get).toList();
    return Future.all(opened).map(all -> {
      home.check("WorkerRuntime");
      synchronized (this) {
        if (stopped != null) {
          return null; // stopped while the queues were opening: start nothing
        }
      }
      blockingPool = vertx.createSharedWorkerExecutor("courier-tasks-" + consumer, config.concurrency(),
        Math.max(config.defaultTimeoutSeconds(), 60) * 10L, TimeUnit.SECONDS);
      renewer = new LeaseRenewer(vertx, home, consumer, leaseMs, resources.clock(), resources.health());
      Completions completions = new Completions(home, resources.clock(), config.retentionSeconds() * 1000L);
      TaskInvoker invoker = new TaskInvoker(blockingPool, new Deadlines());
      KeyMismatch keyMismatch = new KeyMismatch(vertx, resources.health(), resources.clock(),
        resources.signer().keyIds());
      TaskRunner runner = new TaskRunner(resources, invoker, lanes, renewer, completions, stats, keyMismatch);
      List<QueueFeed> feeds = new ArrayList<>();
      for (Future<RedisQueue> f : opened) {
        RedisQueue queue = f.result();
        queues.add(queue);
        feeds.add(new QueueFeed(queue, config.weightOf(queue.keys().queue())));
        janitors.add(new Janitor(vertx, home, queue, leaseMs, resources.clock()));
      }
      dispatcher = new Dispatcher(vertx, home, feeds, config.concurrency(), consumer, runner, completions,
        resources.health(), stats, resources.clock(), config.retentionSeconds() * 1000L);
      renewer.start();
      dispatcher.start(() -> resources.switches().connect(resources.dedicated()), resources.switches());
      janitors.forEach(Janitor::start);
      resources.health().started();
      LOG.atInfo().addKeyValue("queues", queueNames).addKeyValue("concurrency", config.concurrency())
        .addKeyValue("lanes", config.workers()).addKeyValue("consumer", consumer)
        .log("workers consuming queues {} with concurrency {}", queueNames, config.concurrency());
      return null;
    });
  }

  /**
   * Stops the workers (once; later calls get the same future): no new claim, what was claimed but never started goes
   * back at once, running tasks get {@code tasks.shutdownGraceSeconds}; what still runs then stays leased for another
   * node. One log line when it begins, one with what it did.
   */
  public Future<Void> stop() {
    synchronized (this) {
      if (stopped == null) {
        HomeLoop loop = home;
        stopped = loop == null ? Future.succeededFuture() : loop.run(this::stopOnHome);
      }
      return stopped;
    }
  }

  private Future<Void> stopOnHome() {
    if (dispatcher == null) {
      return Future.succeededFuture();
    }
    resources.health().stopping();
    stats.stopBegan(System.currentTimeMillis());
    int runningAtStop = dispatcher.running();
    long handedBackBefore = stats.handedBack();
    LOG.atInfo().addKeyValue("running", runningAtStop).addKeyValue("grace_seconds",
        resources.config().shutdownGraceSeconds())
      .log("workers stopping: claiming no more tasks; {} running, waiting up to {} s for them", runningAtStop,
        resources.config().shutdownGraceSeconds());
    janitors.forEach(Janitor::stop);
    return dispatcher.stop(resources.config().shutdownGraceSeconds() * 1000L).compose(left -> {
      renewer.stop();
      long handedBack = stats.handedBack() - handedBackBefore;
      LOG.atInfo().addKeyValue("finished", Math.max(0, runningAtStop - left)).addKeyValue("handed_back", handedBack)
        .addKeyValue("left_leased", left).addKeyValue("queues", queueNames).addKeyValue("consumer", consumer)
        .addKeyValue("succeeded", stats.succeeded()).addKeyValue("retried", stats.retried())
        .addKeyValue("dead", stats.dead()).addKeyValue("lost_outcomes", stats.lostOutcomes())
        .log("workers stopped: {} task(s) finished during the grace period, {} handed back unstarted, {} still "
          + "running (left leased: another node reruns them after tasks.leaseSeconds); since start {} succeeded, {} "
          + "retried, {} dead", Math.max(0, runningAtStop - left), handedBack, left, stats.succeeded(),
          stats.retried(), stats.dead());
      List<Future<Integer>> pruned = new ArrayList<>();
      if (left == 0) {
        queues.forEach(q -> pruned.add(q.pruneConsumers(0, consumer)));
      }
      return Future.join(pruned).<Void>mapEmpty().otherwiseEmpty()
        .eventually(() -> blockingPool.close());
    });
  }
}
