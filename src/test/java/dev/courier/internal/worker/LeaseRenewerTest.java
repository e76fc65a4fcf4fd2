package dev.courier.internal.worker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;

import static dev.courier.internal.worker.HomeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease renewer against a fake queue: one renewal per queue for all of its running entries; an entry missing from
 * the answer (its lease was lost) and a dropped one are not asked for again; a failing renewal is reported to
 * readiness until one works; and it checks it runs on the home loop.
 */
@Timeout(10)
class LeaseRenewerTest {

  private final HomeHarness harness = new HomeHarness();
  private final FakeWorkQueue a = new FakeWorkQueue("a");
  private final FakeWorkQueue b = new FakeWorkQueue("b");
  private final LeaseRenewer renewer = new LeaseRenewer(harness.vertx, harness.home, "node-test", 30_000,
    harness.clock, harness.health);

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void one_renewal_per_queue_and_a_lost_or_dropped_entry_is_not_asked_for_again() {
    harness.onHome(() -> {
      renewer.hold(a, "1-0");
      renewer.hold(a, "2-0");
      renewer.hold(a, "3-0");
      renewer.hold(b, "9-0");
      renewer.renewAll();
    });
    FakeWorkQueue.Call<Set<String>> first = a.next("renew");
    assertThat(first.<String>arg(0)).isEqualTo("node-test");
    assertThat(first.<List<String>>arg(1)).containsExactly("1-0", "2-0", "3-0");
    assertThat(b.next("renew").<List<String>>arg(1)).containsExactly("9-0");
    first.succeed(Set.of("1-0", "3-0")); // 2-0 was reclaimed by a recoverer meanwhile

    harness.onHome(() -> {
      renewer.drop(a, "3-0"); // its run is over
      renewer.renewAll();
    });
    assertThat(a.next("renew").<List<String>>arg(1)).containsExactly("1-0");
  }

  @Test
  void a_failing_renewal_fails_readiness_until_one_works() {
    harness.onHome(() -> {
      renewer.hold(a, "1-0");
      renewer.renewAll();
    });
    a.<Set<String>>next("renew").fail(new IllegalStateException("Redis is down"));
    harness.onHome(() -> { });
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage)))
      .isEqualTo("lease renewal: failing: Redis is down");

    harness.onHome(renewer::renewAll);
    a.<Set<String>>next("renew").succeed(Set.of("1-0"));
    harness.onHome(() -> { });
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage))).isEqualTo("ready");
  }

  @Test
  void a_failed_renewal_whose_tasks_all_ended_meanwhile_no_longer_fails_readiness() {
    harness.onHome(() -> {
      renewer.hold(a, "1-0");
      renewer.renewAll();
    });
    a.<Set<String>>next("renew").fail(new IllegalStateException("Redis is down"));
    harness.onHome(() -> renewer.drop(a, "1-0")); // its outcome was written elsewhere, or left for redelivery
    harness.onHome(renewer::renewAll); // nothing left to renew: no call, and nothing failing
    assertThat(await(harness.health.probe().map(v -> "ready").otherwise(Throwable::getMessage))).isEqualTo("ready");
    assertThat(a.methods()).as("no renewal sent for nothing").containsExactly("renew");
  }

  @Test
  void holding_a_lease_off_the_home_loop_is_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> renewer.hold(a, "1-0"))
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("LeaseRenewer");
  }
}
