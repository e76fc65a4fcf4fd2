package dev.courier.internal.worker;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completions against a fake queue: a batch over the cap goes out in calls of at most 1,000 outcomes, whether it is
 * flushed or rides along with a claim, every outcome is answered once, on the home loop, and a failed call fails
 * exactly the outcomes it carried.
 */
@Timeout(10)
class CompletionsTest {

  private final HomeHarness harness = new HomeHarness();
  private final FakeWorkQueue queue = new FakeWorkQueue("a");
  private final Completions completions = new Completions(harness.home, harness.clock, 60_000);
  private final AtomicInteger owned = new AtomicInteger();
  private final List<Throwable> failed = new CopyOnWriteArrayList<>();
  private final List<Thread> answeredOn = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void a_flush_over_the_cap_goes_out_in_calls_of_at_most_1000() {
    harness.onHome(() -> complete(2_500)); // all in one turn of the loop: one batch
    for (int size : new int[] {1_000, 1_000, 500}) {
      FakeWorkQueue.Call<List<Boolean>> call = queue.next("complete");
      assertThat(call.<List<Completion>>arg(0)).hasSize(size);
      assertThat(queue.waiting("complete")).as("one call in flight per queue").isZero();
      call.succeed(Collections.nCopies(size, true));
    }
    harness.onHome(() -> { });
    assertThat(owned).hasValue(2_500);
    assertThat(answeredOn).containsOnly(harness.homeThread());
  }

  @Test
  void a_claim_takes_at_most_1000_outcomes_along_and_the_rest_are_flushed() {
    Completions.Taken taken = harness.onHome(() -> {
      complete(1_500);
      return completions.take(queue);
    });
    assertThat(taken.completions()).hasSize(1_000);
    FakeWorkQueue.Call<List<Boolean>> rest = queue.next("complete");
    assertThat(rest.<List<Completion>>arg(0)).hasSize(500)
      .first().extracting(c -> c.claim().taskId()).isEqualTo("t1000");

    harness.onHome(() -> taken.settle(Collections.nCopies(1_000, true))); // what the claim answered
    rest.succeed(Collections.nCopies(500, true));
    harness.onHome(() -> { });
    assertThat(owned).hasValue(1_500);
  }

  @Test
  void a_failed_call_fails_the_outcomes_it_carried_and_the_next_batch_goes_out() {
    harness.onHome(() -> complete(3));
    FakeWorkQueue.Call<List<Boolean>> call = queue.next("complete");
    harness.onHome(() -> complete(2)); // while the first call is in flight
    call.fail(new IllegalStateException("Redis is down"));
    FakeWorkQueue.Call<List<Boolean>> next = queue.next("complete");
    assertThat(next.<List<Completion>>arg(0)).hasSize(2);
    assertThat(failed).hasSize(3).allSatisfy(e -> assertThat(e).hasMessage("Redis is down"));
    next.succeed(List.of(true, false));
    harness.onHome(() -> { });
    assertThat(owned).hasValue(1);
  }

  private int sent;

  private void complete(int count) {
    for (int i = 0; i < count; i++) {
      int n = sent++;
      completions.complete(queue, Completion.of(new Claim("1-" + n, "t" + n)), mine -> {
        answeredOn.add(Thread.currentThread());
        if (mine) {
          owned.incrementAndGet();
        }
      }, failed::add);
    }
  }
}
