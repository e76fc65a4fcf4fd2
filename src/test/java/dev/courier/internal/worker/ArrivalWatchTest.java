package dev.courier.internal.worker;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An arrival watch against a fake queue: it waits from the claim's cursor, and again while nothing comes (from the
 * newest cursor it was given); an arrival wakes the dispatcher once, on the home loop; a failed wait drops its
 * connection and reports; after a master switch the late answer of the old wait is ignored; a stopped watch is quiet.
 */
@Timeout(10)
class ArrivalWatchTest {

  private final HomeHarness harness = new HomeHarness();
  private final FakeWorkQueue queue = new FakeWorkQueue("a");
  private final List<NoConnection> connections = new CopyOnWriteArrayList<>();
  private final List<Thread> arrivals = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger connects = new AtomicInteger();
  private final ArrivalWatch watch = new ArrivalWatch(harness.home, queue, () -> {
    connects.incrementAndGet();
    NoConnection conn = new NoConnection();
    connections.add(conn);
    return Future.succeededFuture(conn);
  }, () -> arrivals.add(Thread.currentThread()), failures::add);

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void it_waits_from_the_newest_cursor_until_something_arrives_then_wakes_the_dispatcher_once() {
    harness.onHome(() -> watch.watchFrom("5-0"));
    FakeWorkQueue.Call<Boolean> first = queue.next("awaitNew");
    assertThat(first.<String>arg(0)).isEqualTo("5-0");
    harness.onHome(() -> watch.watchFrom("6-0")); // a later claim came back short too: one wait at a time
    assertThat(queue.waiting("awaitNew")).isZero();

    first.succeed(false); // nothing within the block time: wait again, from the newer cursor
    FakeWorkQueue.Call<Boolean> second = queue.next("awaitNew");
    assertThat(second.<String>arg(0)).isEqualTo("6-0");
    second.succeed(true);
    harness.onHome(() -> { });
    assertThat(arrivals).containsExactly(harness.homeThread());
    assertThat(queue.waiting("awaitNew")).as("the dispatcher claims now; the watch waits no more").isZero();
    assertThat(connects).as("one connection for every wait").hasValue(1);
  }

  @Test
  void a_failed_wait_drops_its_connection_and_reports() {
    harness.onHome(() -> watch.watchFrom("5-0"));
    queue.<Boolean>next("awaitNew").fail(new IllegalStateException("connection reset"));
    harness.onHome(() -> { });
    assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("connection reset");
    assertThat(connections.get(0).closed).isTrue();
    harness.onHome(() -> watch.watchFrom("5-0"));
    queue.next("awaitNew");
    assertThat(connects).as("a new connection for the next wait").hasValue(2);
  }

  @Test
  void after_a_master_switch_the_old_wait_is_ignored_and_a_stopped_watch_is_quiet() {
    harness.onHome(() -> watch.watchFrom("5-0"));
    FakeWorkQueue.Call<Boolean> old = queue.next("awaitNew");
    assertThat(harness.onHome(watch::masterSwitched)).isTrue();
    old.succeed(true); // late, from the demoted master
    harness.onHome(() -> watch.watchFrom("5-0"));
    FakeWorkQueue.Call<Boolean> fresh = queue.next("awaitNew");
    assertThat(arrivals).isEmpty();

    harness.onHome(watch::stop);
    fresh.succeed(true);
    harness.onHome(() -> { });
    assertThat(arrivals).isEmpty();
    assertThat(connections).allSatisfy(c -> assertThat(c.closed).isTrue());
  }
}
