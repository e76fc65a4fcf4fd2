package dev.courier.internal.worker;

import dev.courier.internal.redis.MasterSwitchWatch;
import io.vertx.redis.client.RedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static dev.courier.internal.worker.HomeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promoter against a fake queue and an injected clock: it catches up once subscribed; a wake for an earlier due
 * time re-arms its one timer; a clock that jumped past the armed time promotes at once (not after the stale timer); a
 * failing promote is reported and retried; a subscription that ends is made again, all on the home loop.
 */
@Timeout(10)
class PromoterTest {

  private final HomeHarness harness = new HomeHarness();
  private final FakeWorkQueue queue = new FakeWorkQueue("a");
  private final Promoter promoter = new Promoter(harness.vertx, harness.home, queue, new WorkerResources(null, null,
    null, null, null, harness.health, harness.clock, null, null, MasterSwitchWatch.none(harness.vertx)));
  private final NoConnection subscription = new NoConnection();

  @AfterEach
  void close() {
    harness.onHome(promoter::stop);
    harness.close();
  }

  @Test
  void a_clock_that_jumped_past_the_armed_time_promotes_at_once() {
    subscribed().succeed(harness.clock.millis() + 60_000); // armed for a minute from now
    harness.clock.advance(Duration.ofSeconds(61));
    queue.onDue.accept(harness.clock.millis() + 120_000); // any wake: the stale timer is noticed
    FakeWorkQueue.Call<Long> promoted = queue.next("promoteDue"); // not a minute later (the test times out at 10 s)
    assertThat(promoted.<Long>arg(0)).isGreaterThanOrEqualTo(harness.clock.millis() - 1_000);
    promoted.succeed(-1L);
  }

  @Test
  void an_earlier_due_time_rearms_and_a_failing_promote_is_logged_then_retried() {
    subscribed().succeed(-1L); // nothing delayed: no timer
    long due = harness.clock.millis() + 50;
    queue.onDue.accept(due);
    FakeWorkQueue.Call<Long> promoted = queue.next("promoteDue");
    assertThat(promoted.<Long>arg(0)).isGreaterThanOrEqualTo(due);

    promoted.fail(new IllegalStateException("Redis is down"));
    FakeWorkQueue.Call<Long> retried = queue.next("promoteDue"); // after 500 ms
    // logged, not readiness: every node promotes, and Redis's own outage shows in readiness (RedisHealth)
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage))).isEqualTo("ready");
    retried.succeed(-1L);
    harness.onHome(() -> { });
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage))).isEqualTo("ready");
  }

  @Test
  void a_subscription_that_ends_is_made_again_and_catches_up() {
    subscribed().succeed(-1L);
    subscription.end.handle(null); // on the connection's own thread, as Redis would end it
    queue.<RedisConnection>next("subscribeWake").succeed(new NoConnection()); // after 500 ms
    queue.<Long>next("promoteDue").succeed(-1L);
  }

  /** Starts the promoter, answers its subscription; @return its catch-up promote. */
  private FakeWorkQueue.Call<Long> subscribed() {
    harness.onHome(promoter::start);
    queue.<RedisConnection>next("subscribeWake").succeed(subscription);
    return queue.next("promoteDue");
  }
}
