package dev.courier.internal.worker;

import dev.courier.internal.queue.Buried;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.WorkQueue;
import dev.courier.internal.queue.Started;
import dev.courier.internal.redis.MasterSwitchWatch;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's one fetch loop. It holds the node's {@code tasks.concurrency} slots and never asks for more tasks than it
 * has free slots, across every queue the node consumes: each claim goes to a queue with work drawn at random by
 * weight ({@code tasks.queueWeights}), so no queue can starve. One claim is in flight at a time. A claim never blocks: a queue found empty is watched by its {@link ArrivalWatch} and asked again when
 * something arrives. A queue that cannot be read is paused with a short backoff and reported to readiness. On stop it
 * claims nothing more, hands back what was claimed but never started, and lets running tasks finish within the
 * grace. A queue an operator paused answers its claims with nothing (the claim script checks the flag, so no task of
 * it starts once the pause is written): it is asked again once per fetch period, and claimed from as soon as it is
 * resumed. Runs on the home loop only ({@link HomeLoop}: checked), where no task body runs. A claim in flight for
 * longer than {@value ClaimWatch#STUCK_MS} ms fails readiness: no task starts while it hangs. An exception while a claim's
 * answer is handled gives back the slots of every run it did not start.
 */
final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_BATCH = 256;
  // Two in flight with half batches was tried: no faster on 2 busy cores, and more script calls per task.
  private static final int MAX_CLAIMS_IN_FLIGHT = 1;
  // A paused queue is asked again as often as an idle one waits for arrivals: resumed queues restart within this.
  private static final long ON_HOLD_RECHECK_MS = ArrivalWatch.BLOCK_MS;

  /** What the dispatcher needs of the runner ({@link TaskRunner}): one run per started delivery. */
  interface Runner {
    /** Called on the home loop; every callback of the returned run comes back to it. */
    TaskRunner.Run run(WorkQueue queue, Started started);

    /** Accounts for what a claim of {@code queue} buried without starting it. */
    void buriedByClaim(String queue, List<Buried> buried);
  }

  private final Vertx vertx;
  private final HomeLoop home;
  private final List<QueueFeed> feeds;
  private final String consumer;
  private final Runner runner;
  private final WorkerHealth health;
  private final WorkerStats stats;
  private final Clock clock;
  private final long retentionMs;
  private final Completions completions;
  private final Set<TaskRunner.Run> running = Collections.newSetFromMap(new IdentityHashMap<>());
  private final int batch;
  private int free;
  private int claimsInFlight;
  private final ClaimWatch claimWatch;
  private boolean pumpScheduled;
  private int pumpTicket;
  private boolean stopped;
  private int handingBack;
  private Promise<Void> claimsSettled;
  private Promise<Void> drained;
  private final List<Runnable> unwatch = new ArrayList<>();

  Dispatcher(Vertx vertx, HomeLoop home, List<QueueFeed> feeds, int concurrency, String consumer,
             Runner runner, Completions completions, WorkerHealth health, WorkerStats stats, Clock clock,
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
    this.claimWatch = new ClaimWatch(clock);
    this.retentionMs = retentionMs; // of finished and of buried tasks alike
    this.completions = completions;
  }

  /** @param connect opens a dedicated connection (one per arrival watch) */
  void start(Supplier<Future<RedisConnection>> connect, MasterSwitchWatch switches) {
    home.check("Dispatcher");
    health.watch("claim loop", claimWatch::stuck);
    for (QueueFeed feed : feeds) {
      feed.readFailures = new DutyLog(LOG, "reading queue " + feed.name(), health);
      feed.watch = new ArrivalWatch(home, feed.queue, connect, () -> arrived(feed), err -> paused(feed, err));
      // the wait blocks on the demoted master after a switch: drop it and claim (on the new master) at once
      unwatch.add(switches.onSwitch(home.context(), () -> {
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

  /** @return how long the claim in flight has waited for its answer, 0 when none is; read from any thread */
  long claimInFlightMs() {
    return claimWatch.inFlightMs();
  }

  private void arrived(QueueFeed feed) {
    home.check("Dispatcher");
    feed.mayHaveWork = true;
    pump();
  }

  private void schedulePump() {
    if (!pumpScheduled) {
      pumpAfterLanes(); // slots freed in one turn of the node (the lanes' included) are claimed together
    }
  }

  /**
   * Pumps once the lanes have run the bodies they were given, so that their slots come back first and the next claim
   * asks for them all (a pump at once after a claim's answer, or one scheduled before its runs were handed out, would
   * claim for the few bodies done by then, and the batches would split for good). Supersedes a pump on its way.
   */
  private void pumpAfterLanes() {
    pumpScheduled = true;
    int ticket = ++pumpTicket;
    home.afterLanes(() -> {
      if (ticket == pumpTicket) {
        pumpScheduled = false;
        pump();
      }
    });
  }

  /**
   * Sends one claim if it may. One, not a loop: an answer that is in before its listener (a fast reply) is handled
   * inline, inside {@link #claim}, and schedules the next pump itself; a loop here would then claim at once for the
   * few bodies already over, and the batches would split.
   */
  private void pump() {
    home.check("Dispatcher");
    if (stopped || claimsInFlight >= MAX_CLAIMS_IN_FLIGHT || free <= 0) {
      return;
    }
    List<QueueFeed> candidates = new ArrayList<>(feeds.size());
    for (QueueFeed feed : feeds) {
      if (feed.mayHaveWork && !feed.paused && !feed.holdingOff) {
        candidates.add(feed);
      }
    }
    if (!candidates.isEmpty()) {
      claim(FairOrder.pick(candidates, f -> f.weight));
    }
  }

  /** Claims as many tasks from {@code feed} as there are free slots (at most {@value #MAX_BATCH}). */
  private void claim(QueueFeed feed) {
    int wanted = Math.min(free, batch);
    free -= wanted;
    claimsInFlight++;
    claimWatch.sent();
    Completions.Taken riding = completions.take(feed.queue); // outcomes waiting for this queue ride along
    feed.queue.claim(consumer, wanted, clock.millis(), retentionMs, riding.completions(), retentionMs)
      .onComplete(ar -> claimed(feed, wanted, riding, ar));
  }

  private void claimed(QueueFeed feed, int wanted, Completions.Taken riding, AsyncResult<Claimed> ar) {
    home.check("Dispatcher");
    claimsInFlight--;
    claimWatch.answered();
    Held held = new Held(wanted);
    try {
      answered(feed, riding, ar, held);
    } catch (RuntimeException e) {
      LOG.error("the answer of a claim of queue {} could not be handled in full: its tasks not started stay leased, "
        + "and go back to the queue after tasks.leaseSeconds", feed.name(), e);
    } finally {
      free += held.slots; // every slot no run took, whatever was thrown
    }
    settleClaimsIfStopped();
    pumpAfterLanes();
  }

  /** The slots a claim took that no run holds yet. */
  private static final class Held {
    private int slots;

    private Held(int slots) {
      this.slots = slots;
    }
  }

  private void answered(QueueFeed feed, Completions.Taken riding, AsyncResult<Claimed> ar, Held held) {
    if (ar.failed()) {
      riding.settle(ar.cause());
      paused(feed, ar.cause());
      return;
    }
    Claimed claimed = ar.result();
    feed.resetBackoff();
    feed.readFailures.succeeded();
    if (stopped) {
      handBack(feed.queue, claimed.runs());
    }
    riding.settle(claimed.completed());
    runner.buriedByClaim(feed.name(), claimed.buried());
    if (stopped) {
      return;
    }
    if (claimed.paused()) {
      feed.hold(vertx, ON_HOLD_RECHECK_MS, this::pump);
      return;
    }
    feed.resumed();
    if (!claimed.mayHaveMore()) {
      feed.mayHaveWork = false;
      feed.watch.watchFrom(claimed.waitFrom());
    }
    int runnable = 0;
    int unstartable = 0;
    for (Started started : claimed.runs()) {
      TaskRunner.Run run;
      try {
        run = start(feed.queue, started);
      } catch (RuntimeException e) {
        unstartable++; // its slot stays with the claim, given back below; its delivery is reclaimed after a lease
        LOG.error("task {} of queue {} could not be started; it stays leased and goes back to the queue after "
          + "tasks.leaseSeconds", started.taskId(), feed.name(), e);
        continue;
      }
      held.slots--; // the run holds it now, and gives it back when its body is over
      runnable += run.leftForAnotherNode() ? 0 : 1;
    }
    if (runnable == 0 && unstartable == 0 && !claimed.runs().isEmpty()) {
      feed.holdOff(vertx, this::pump); // all signed with keys this node does not hold: leave them to nodes that do
    } else if (runnable > 0) {
      feed.resetHoldOff();
    }
  }

  private TaskRunner.Run start(WorkQueue queue, Started started) {
    TaskRunner.Run run = runner.run(queue, started);
    running.add(run);
    // the slot is free once the body is over; its outcome write may still be on its way (batched), and a claim
    // meanwhile overlaps with it
    run.bodyDone().onComplete(v -> {
      home.check("Dispatcher");
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
    home.check("Dispatcher");
    stopped = true;
    unwatch.forEach(Runnable::run);
    feeds.forEach(feed -> {
      if (feed.watch != null) {
        feed.watch.stop();
      }
    });
    claimsSettled = home.context().promise();
    settleClaimsIfStopped();
    for (TaskRunner.Run run : List.copyOf(running)) {
      run.cancel().getAsBoolean(); // a blocking body still waiting for a thread never starts
    }
    drained = home.context().promise();
    if (running.isEmpty()) {
      drained.tryComplete();
    }
    return Future.all(claimsSettled.future(), drained.future())
      .timeout(Math.max(1, graceMs), TimeUnit.MILLISECONDS)
      .transform(ar -> home.context().succeededFuture(running.size()));
  }
}
