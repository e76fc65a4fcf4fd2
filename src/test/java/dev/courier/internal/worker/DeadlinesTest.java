package dev.courier.internal.worker;

import io.vertx.core.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.courier.internal.worker.HomeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timeouts armed from any thread (a blocking body arms its own on a pool thread) fire in a sweep on a thread of their
 * own, never on an event loop (a Future body that blocks its loop must still time out); a disarmed one never fires.
 */
@Timeout(10)
class DeadlinesTest {

  private final HomeHarness harness = new HomeHarness();
  private final Deadlines deadlines = new Deadlines();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void a_timeout_fires_on_the_sweep_thread_and_a_disarmed_one_never() {
    List<String> fired = new CopyOnWriteArrayList<>();
    Promise<Thread> expired = Promise.promise();
    Deadlines.Deadline disarmed = deadlines.arm(1, () -> fired.add("disarmed"));
    disarmed.disarm();
    deadlines.arm(1, () -> {
      fired.add("armed");
      expired.complete(Thread.currentThread());
    });
    assertThat(await(expired.future()).getName()).isEqualTo("courier-task-deadlines");
    assertThat(fired).as("one sweep looked at both").containsExactly("armed");
  }

  @Test
  void the_sweep_stops_when_nothing_is_armed_and_starts_again_for_the_next_timeout() {
    Promise<Void> first = Promise.promise();
    deadlines.arm(1, first::complete);
    await(first.future());
    Promise<Void> second = Promise.promise();
    deadlines.arm(1, second::complete);
    await(second.future());
  }
}
