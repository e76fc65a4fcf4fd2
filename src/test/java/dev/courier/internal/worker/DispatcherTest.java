package dev.courier.internal.worker;

import dev.courier.internal.queue.Buried;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.Started;
import dev.courier.internal.queue.WorkQueue;
import dev.courier.internal.redis.MasterSwitchWatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.courier.internal.worker.HomeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher against a fake queue: it claims only for free slots, one claim at a time; a slot comes back when its
 * body is over (never before); an arrival while a claim is in flight is not lost; a claim that never answers fails
 * readiness, and once the gateway's deadline fails it the dispatcher claims again; an exception while a claim's answer
 * is handled gives every slot back; bodies that end on a lane free their slots before the next claim asks.
 */
@Timeout(10)
class DispatcherTest {

  private final HomeHarness harness = new HomeHarness();
  private final FakeRunner runner = new FakeRunner();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void claims_only_for_free_slots_and_a_body_that_never_frees_its_thread_keeps_its_slot() {
    FakeWorkQueue queue = new FakeWorkQueue("a");
    start(2, queue);
    FakeWorkQueue.Call<Claimed> first = queue.next("claim");
    assertThat(first.<Integer>arg(1)).as("count: every free slot").isEqualTo(2);

    first.succeed(new Claimed(List.of(started("t1"), started("t2")), null, List.of())); // full: more may wait
    harness.onHome(() -> { }); // the answer is handled (the home loop runs in order)
    assertThat(queue.waiting("claim")).as("no slot is free").isZero();
    runner.bodyDone("t2"); // t1's body never frees its thread
    FakeWorkQueue.Call<Claimed> second = queue.next("claim");
    assertThat(second.<Integer>arg(1)).as("count: t2's slot only").isEqualTo(1);
    second.succeed(new Claimed(List.of(), "9-0", List.of()));

    assertThat(queue.next("awaitNew").<String>arg(0)).as("the watch waits from the claim's cursor").isEqualTo("9-0");
    harness.onHome(() -> { });
    assertThat(queue.waiting("claim")).as("no slot is free: nothing more is claimed").isZero();
  }

  @Test
  void the_bodies_of_a_batch_that_end_on_a_lane_free_their_slots_before_the_next_claim() {
    FakeWorkQueue queue = new FakeWorkQueue("a");
    runner.endOn = harness.lane; // each body ends at once on the lane, as a no-op Future task does
    start(8, queue);
    for (int claim = 0; claim < 20; claim++) {
      FakeWorkQueue.Call<Claimed> call = queue.next("claim");
      assertThat(call.<Integer>arg(1)).as("claim %d asks for every slot: the batch did not split", claim).isEqualTo(8);
      List<Started> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(started("c" + claim + "-" + i));
      }
      call.succeed(new Claimed(runs, null, List.of()));
    }
  }

  @Test
  void an_arrival_while_a_claim_is_in_flight_is_claimed_once_that_claim_answers() throws InterruptedException {
    BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    FakeWorkQueue a = new FakeWorkQueue("a", calls);
    FakeWorkQueue b = new FakeWorkQueue("b", calls);
    start(4, a, b);
    // the dispatcher draws among the queues at random: which one was asked first?
    FakeWorkQueue first = "a:claim".equals(calls.poll(5, TimeUnit.SECONDS)) ? a : b;
    FakeWorkQueue other = first == a ? b : a;
    first.<Claimed>next("claim").succeed(new Claimed(List.of(), "5-0", List.of())); // empty: watch it
    FakeWorkQueue.Call<Boolean> watching = first.next("awaitNew");
    FakeWorkQueue.Call<Claimed> inFlight = other.next("claim");

    watching.succeed(true); // something arrived in the first queue while the other's claim is in flight
    harness.onHome(() -> { });
    assertThat(first.waiting("claim")).as("one claim in flight at a time").isZero();

    inFlight.succeed(new Claimed(List.of(), "7-0", List.of()));
    assertThat(first.<Claimed>next("claim").<Integer>arg(1)).as("the arrival is claimed, not lost").isEqualTo(4);
  }

  @Test
  void a_claim_that_never_answers_fails_readiness_and_after_the_gateway_deadline_the_dispatcher_claims_again() {
    FakeWorkQueue queue = new FakeWorkQueue("a");
    start(1, queue);
    FakeWorkQueue.Call<Claimed> hanging = queue.next("claim");
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage))).isEqualTo("ready");

    harness.clock.advance(Duration.ofMillis(ClaimWatch.STUCK_MS + 1_000));
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage)))
      .startsWith("claim loop: a claim has been in flight for");

    hanging.fail(new TimeoutException("claim: no answer within its deadline")); // what the gateway's deadline does
    FakeWorkQueue.Call<Claimed> again = queue.next("claim"); // after the feed's short backoff
    assertThat(again.<Integer>arg(1)).isEqualTo(1);
    again.succeed(new Claimed(List.of(), "1-0", List.of()));
    queue.next("awaitNew");
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage))).isEqualTo("ready");
  }

  @Test
  void a_run_that_cannot_be_started_gives_its_slot_back_and_the_others_start() {
    FakeWorkQueue queue = new FakeWorkQueue("a");
    runner.throwOn.add("t1");
    start(3, queue);
    queue.<Claimed>next("claim").succeed(new Claimed(List.of(started("t1"), started("t2"), started("t3")), null,
      List.of()));
    FakeWorkQueue.Call<Claimed> next = queue.next("claim");
    assertThat(next.<Integer>arg(1)).as("t1's slot is free again").isEqualTo(1);
    assertThat(runner.started.keySet()).as("the runs after the one that threw start").containsOnly("t2", "t3");
  }

  @Test
  void an_exception_while_a_claim_answer_is_handled_gives_every_slot_of_the_claim_back() {
    FakeWorkQueue queue = new FakeWorkQueue("a");
    runner.buriedThrows = true;
    start(2, queue);
    queue.<Claimed>next("claim").succeed(new Claimed(List.of(started("t1")), null, List.of(), false,
      List.of(new Buried("t0", "damaged", "damaged hash"))));
    assertThat(queue.<Claimed>next("claim").<Integer>arg(1)).as("the claim's two slots are free again").isEqualTo(2);
  }

  private void start(int concurrency, FakeWorkQueue... queues) {
    List<QueueFeed> feeds = new ArrayList<>();
    for (FakeWorkQueue queue : queues) {
      feeds.add(new QueueFeed(queue, 1));
    }
    Completions completions = new Completions(harness.home, harness.clock, 60_000);
    harness.onHome(() -> new Dispatcher(harness.vertx, harness.home, feeds, concurrency, "node-test", runner,
      completions, harness.health, new WorkerStats(), harness.clock, 60_000)
      .start(() -> Future.succeededFuture(new NoConnection()), MasterSwitchWatch.none(harness.vertx)));
  }

  private static Started started(String taskId) {
    return new Started(taskId, "1-" + taskId, "envelope", 1, "task", null, 5);
  }

  /** Starts a run per delivery whose body ends when the test says; throws for the tasks it is told to. */
  private static final class FakeRunner implements Dispatcher.Runner {
    final Map<String, Promise<Void>> started = new ConcurrentHashMap<>();
    final Set<String> throwOn = ConcurrentHashMap.newKeySet();
    volatile boolean buriedThrows;
    volatile ContextInternal endOn; // where each body ends at once, if set


    @Override
    public TaskRunner.Run run(WorkQueue queue, Started delivery) {
      if (throwOn.contains(delivery.taskId())) {
        throw new IllegalStateException("no run for " + delivery.taskId());
      }
      Promise<Void> body = ContextInternal.current().promise(); // its end comes back to the home loop
      started.put(delivery.taskId(), body);
      if (endOn != null) {
        endOn.runOnContext(v -> body.complete());
      }
      return new TaskRunner.Run(body.future(), body.future(), () -> false, false);
    }

    @Override
    public void buriedByClaim(String queue, List<Buried> buried) {
      if (buriedThrows && !buried.isEmpty()) {
        throw new IllegalStateException("cannot count what the claim buried");
      }
    }

    void bodyDone(String taskId) {
      started.get(taskId).complete();
    }
  }
}
