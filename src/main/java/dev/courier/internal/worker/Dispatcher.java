package dev.courier.internal.worker;

import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.WorkQueue;
import dev.courier.internal.queue.Started;
import dev.courier.internal.redis.MasterSwitchWatch;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The node's one fetch loop. It holds the node's {@code tasks.concurrency} slots and never asks for more tasks than it
 * has free slots, across every queue the node consumes: each claim goes to a queue with work drawn at random by
 * weight ({@code tasks.queueWeights}), so no queue can starve. One claim is in flight at a time. A claim never blocks: a queue found empty is watched by its {@link ArrivalWatch} and asked again when
 * something arrives. A queue that cannot be read is paused with a short backoff and reported to readiness. On stop it
 * claims nothing more, hands back what was claimed but never started, and lets running tasks finish within the
 * grace. A queue an operator paused answers its claims with nothing (the claim script checks the flag, so no task of
 * it starts once the pause is written): it is asked again once per fetch period, and claimed from as soon as it is
 * resumed. Runs on the node's home context only.
 */
final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_BATCH = 256;
  // Two in flight with half batches was tried: no faster on 2 busy cores, and more script calls per task.
  private static final int MAX_CLAIMS_IN_FLIGHT = 1;
  // A paused queue is asked again as often as an idle one waits for arrivals: resumed queues restart within this.
  private static final long ON_HOLD_RECHECK_MS = ArrivalWatch.BLOCK_MS;

  private final Vertx vertx;
  private final ContextInternal home;
  private final List<QueueFeed> feeds;
  private final String consumer;
  private final TaskRunner runner;
  private final WorkerHealth health;
  private final WorkerStats stats;
  private final Clock clock;
  private final long retentionMs;
  private final Completions completions;
  private final Set<TaskRunner.Run> running = Collections.newSetFromMap(new IdentityHashMap<>());
  private final int batch;
  private int free;
  private int claimsInFlight;
  private boolean pumpScheduled;
  private boolean stopped;
  private int handingBack;
  private Promise<Void> claimsSettled;
  private Promise<Void> drained;
  private final List<Runnable> unwatch = new ArrayList<>();

  Dispatcher(Vertx vertx, ContextInternal home, List<QueueFeed> feeds, int concurrency, String consumer,
             TaskRunner runner, Completions completions, WorkerHealth health, WorkerStats stats, Clock clock,
             long retentionMs) {
    this.vertx = vertx;
    this.home = home;
    this.feeds = List.copyOf(feeds);
    this.free = concurrency;
    this.batch = Math.min(MAX_BATCH, concurrency);
    this.consumer = consumer;
    this.runner = runner;
    this.health = health;
    this.stats = stats;
    this.clock = clock;
    this.retentionMs = retentionMs; // of finished and of buried tasks alike
    this.completions = completions;
  }

  void start(Redis dedicated, MasterSwitchWatch switches) {
    for (QueueFeed feed : feeds) {
      feed.readFailures = new DutyLog(LOG, "reading queue " + feed.name(), health);
      feed.watch = new ArrivalWatch(feed.queue, () -> switches.connect(dedicated), () -> arrived(feed),
        err -> paused(feed, err));
      // the wait blocks on the demoted master after a switch: drop it and claim (on the new master) at once
      unwatch.add(switches.onSwitch(home, () -> {
        if (feed.watch.masterSwitched()) {
          arrived(feed);
        }
      }));
    }
    pump();
  }

  /** @return how many tasks run now. */
  int running() {
    return running.size();
  }

  private void arrived(QueueFeed feed) {
    feed.mayHaveWork = true;
    pump();
  }

  private void schedulePump() {
    if (!pumpScheduled) {
      pumpScheduled = true; // slots freed in one turn of the loop are claimed together
      home.runOnContext(v -> {
        pumpScheduled = false;
        pump();
      });
    }
  }

  private void pump() {
    while (!stopped && claimsInFlight < MAX_CLAIMS_IN_FLIGHT && free > 0) {
      List<QueueFeed> candidates = new ArrayList<>(feeds.size());
      for (QueueFeed feed : feeds) {
        if (feed.mayHaveWork && !feed.paused && !feed.holdingOff) {
          candidates.add(feed);
        }
      }
      if (candidates.isEmpty()) {
        return;
      }
      claim(FairOrder.pick(candidates, f -> f.weight));
    }
  }

  /** Claims as many tasks from {@code feed} as there are free slots (at most {@value #MAX_BATCH}). */
  private void claim(QueueFeed feed) {
    int wanted = Math.min(free, batch);
    free -= wanted;
    claimsInFlight++;
    Completions.Taken riding = completions.take(feed.queue); // outcomes waiting for this queue ride along
    feed.queue.claim(consumer, wanted, clock.millis(), retentionMs, riding.completions(), retentionMs)
      .onComplete(ar -> claimed(feed, wanted, riding, ar));
  }

  private void claimed(QueueFeed feed, int wanted, Completions.Taken riding, AsyncResult<Claimed> ar) {
    claimsInFlight--;
    if (ar.failed()) {
      riding.settle(ar.cause());
      free += wanted;
      paused(feed, ar.cause());
      settleClaimsIfStopped();
      pump();
      return;
    }
    Claimed claimed = ar.result();
    riding.settle(claimed.completed());
    runner.buriedByClaim(feed.name(), claimed.buried());
    free += wanted - claimed.runs().size();
    feed.resetBackoff();
    feed.readFailures.succeeded();
    if (stopped) {
      handBack(feed.queue, claimed.runs());
      return;
    }
    if (claimed.paused()) {
      onHold(feed);
      pump();
      return;
    }
    if (feed.onHold) {
      feed.onHold = false;
      LOG.atInfo().addKeyValue("queue", feed.name()).log("queue {} was resumed: claiming from it again", feed.name());
    }
    if (!claimed.mayHaveMore()) {
      feed.mayHaveWork = false;
      feed.watch.watchFrom(claimed.waitFrom());
    }
    int runnable = 0;
    for (Started started : claimed.runs()) {
      runnable += start(feed.queue, started).leftForAnotherNode() ? 0 : 1;
    }
    if (runnable == 0 && !claimed.runs().isEmpty()) {
      holdOff(feed); // all signed with keys this node does not hold: leave them to nodes that hold them
    } else if (runnable > 0) {
      feed.resetHoldOff();
    }
    pump();
  }

  private void holdOff(QueueFeed feed) {
    feed.holdingOff = true;
    vertx.setTimer(feed.nextHoldOff(), t -> {
      feed.holdingOff = false;
      feed.mayHaveWork = true;
      pump();
    });
  }


  private TaskRunner.Run start(WorkQueue queue, Started started) {
    TaskRunner.Run run = runner.run(queue, started);
    running.add(run);
    // the slot is free once the body is over; its outcome write may still be on its way (batched), and a claim
    // meanwhile overlaps with it
    run.bodyDone().onComplete(v -> {
      free++;
      schedulePump();
    });
    run.done().onComplete(v -> {
      running.remove(run);
      if (drained != null && running.isEmpty()) {
        drained.tryComplete();
      }
    });
    return run;
  }

  /** The queue is paused by an operator: claim nothing from it, and ask again after one fetch period. */
  private void onHold(QueueFeed feed) {
    feed.mayHaveWork = false;
    if (!feed.onHold) {
      feed.onHold = true;
      LOG.atInfo().addKeyValue("queue", feed.name())
        .log("queue {} is paused: claiming nothing from it until it is resumed", feed.name());
    }
    vertx.setTimer(ON_HOLD_RECHECK_MS, t -> {
      feed.mayHaveWork = true;
      pump();
    });
  }

  private void paused(QueueFeed feed, Throwable err) {
    if (stopped) {
      return;
    }
    feed.paused = true;
    feed.readFailures.failed(err, clock.millis());
    vertx.setTimer(feed.nextBackoff(), t -> {
      feed.paused = false;
      feed.mayHaveWork = true; // Redis may have lost its data meanwhile: ask again for a fresh cursor
      pump();
    });
  }

  /** A claim that came back after stop began: its tasks go back to the queue at once, unstarted. */
  private void handBack(WorkQueue queue, List<Started> runs) {
    free += runs.size();
    handingBack++;
    Future<Integer> released = runs.isEmpty() ? Future.succeededFuture(0)
      : queue.release(runs.stream().map(Started::claim).toList());
    released.onSuccess(stats::handedBack)
      .onFailure(err -> LOG.warn("{} claimed task(s) of {} could not be handed back ({}); they stay leased and will "
        + "be reclaimed after tasks.leaseSeconds", runs.size(), queue.keys().queue(), err.getMessage()))
      .onComplete(v -> {
        handingBack--;
        settleClaimsIfStopped();
      });
  }

  /** Once stop began: completes when no claim is in flight and every hand-back is written. */
  private void settleClaimsIfStopped() {
    if (claimsSettled != null && claimsInFlight == 0 && handingBack == 0) {
      claimsSettled.tryComplete();
    }
  }

  /**
   * Stops claiming, hands back what never started, and waits up to {@code graceMs} for the running tasks. Completes
   * with how many tasks still ran when the grace ended (they stay leased and are reclaimed by another node).
   */
  Future<Integer> stop(long graceMs) {
    stopped = true;
    unwatch.forEach(Runnable::run);
    feeds.forEach(feed -> {
      if (feed.watch != null) {
        feed.watch.stop();
      }
    });
    claimsSettled = home.promise();
    settleClaimsIfStopped();
    for (TaskRunner.Run run : List.copyOf(running)) {
      run.cancel().getAsBoolean(); // a blocking body still waiting for a thread never starts
    }
    drained = home.promise();
    if (running.isEmpty()) {
      drained.tryComplete();
    }
    return Future.all(claimsSettled.future(), drained.future())
      .timeout(Math.max(1, graceMs), TimeUnit.MILLISECONDS)
      .transform(ar -> home.succeededFuture(running.size()));
  }
}
