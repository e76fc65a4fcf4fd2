package dev.courier.internal.worker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Which writes are tried again, and how often: failures a bounded number of times, answers never. */
class WriteRetryTest {

  private final Vertx vertx = Vertx.vertx();
  private final WriteRetry retry = new WriteRetry();
  private final AtomicInteger calls = new AtomicInteger();
  private final List<Throwable> heard = new ArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void a_write_that_fails_twice_is_tried_until_it_answers() throws Exception {
    Boolean owned = run(() -> calls.incrementAndGet() <= 2 ? Future.failedFuture("refused")
      : Future.succeededFuture(true));
    assertThat(owned).isTrue();
    assertThat(calls).hasValue(3);
    assertThat(heard).hasSize(2);
  }

  @Test
  void an_answer_that_another_delivery_owns_the_task_is_final() throws Exception {
    assertThat(run(() -> {
      calls.incrementAndGet();
      return Future.succeededFuture(false);
    })).isFalse();
    assertThat(calls).hasValue(1);
    assertThat(heard).isEmpty();
  }

  @Test
  void a_write_that_keeps_failing_gives_up_after_a_bounded_number_of_tries() {
    Throwable failure = catchThrowable(() -> run(() -> {
      calls.incrementAndGet();
      throw new IllegalStateException("down"); // thrown, not a failed future: counted as a failed try all the same
    }));
    assertThat(failure).hasMessageContaining("down");
    assertThat(calls).hasValue(WriteRetry.TRIES);
    assertThat(heard).hasSize(WriteRetry.TRIES - 1);
  }

  /** Runs the retry on an event loop, as the runtime does, and waits for its answer from the test thread. */
  private Boolean run(Supplier<Future<Boolean>> write) throws Exception {
    var answer = new java.util.concurrent.CompletableFuture<Boolean>();
    vertx.runOnContext(v -> retry.run(write, heard::add).onComplete(ar -> {
      if (ar.succeeded()) {
        answer.complete(ar.result());
      } else {
        answer.completeExceptionally(ar.cause());
      }
    }));
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
