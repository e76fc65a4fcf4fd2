package dev.courier.internal.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.courier.internal.worker.HomeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The home loop is on an event loop no lane runs on, and its check passes there only (naming the class that broke it).
 */
@Timeout(10)
class HomeLoopTest {

  private final HomeHarness harness = new HomeHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void the_home_loop_is_apart_from_the_lanes() {
    assertThat(harness.home.context().nettyEventLoop()).isNotSameAs(harness.lane.nettyEventLoop());
    Promise<Thread> laneThread = Promise.promise();
    harness.lane.runOnContext(v -> laneThread.complete(Thread.currentThread()));
    assertThat(await(laneThread.future())).isNotSameAs(harness.homeThread());
  }

  @Test
  void the_check_passes_on_the_home_loop_and_on_its_duplicates_only() {
    harness.onHome(() -> harness.home.check("Dispatcher"));
    Promise<Void> onDuplicate = Promise.promise();
    harness.home.context().duplicate().runOnContext(v -> {
      harness.home.check("Dispatcher");
      onDuplicate.complete();
    });
    await(onDuplicate.future());

    assertThatThrownBy(() -> harness.home.check("Dispatcher")).as("on the test's thread")
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("Dispatcher runs on the workers' home loop");
    Promise<Throwable> onLane = Promise.promise();
    harness.lane.runOnContext(v -> {
      try {
        harness.home.check("LeaseRenewer");
        onLane.fail("no check failed");
      } catch (IllegalStateException e) {
        onLane.complete(e);
      }
    });
    assertThat(await(onLane.future())).hasMessageContaining("LeaseRenewer runs on the workers' home loop only");
  }

  @Test
  void run_calls_back_on_the_home_loop() {
    Thread home = harness.homeThread();
    assertThat(await(harness.home.run(() -> Future.succeededFuture(Thread.currentThread())))).isSameAs(home);
  }
}
