package dev.courier.internal.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness fails exactly while every slot is held by a body past its timeout; a grace ends the wait, not the hold. */
class OverrunsTest {

  private final Vertx vertx = Vertx.vertx();
  private final ContextInternal home = (ContextInternal) vertx.getOrCreateContext();
  private final WorkerHealth health = new WorkerHealth();
  private final Overruns overruns = new Overruns(2, health, new Deadlines());

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void readiness_fails_while_all_slots_are_held_past_their_timeout() throws Exception {
    health.started();
    Promise<Void> first = onHome(home::promise);
    Promise<Void> second = onHome(home::promise);
    Future<Boolean> firstFreed = onHome(() -> overruns.await(first.future(), 60_000, home));
    assertThat(ready()).as("one of two slots held").isNull();

    Future<Boolean> secondFreed = onHome(() -> overruns.await(second.future(), 50, home));
    assertThat(ready()).isEqualTo("slots: all 2 slots held by bodies past their timeout (they ignored the interrupt); "
      + "no task can start on this node");
    assertThat(secondFreed.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
      .as("its grace ended first").isFalse();
    assertThat(ready()).as("given up on, but its thread is still held").isNotNull();

    onHome(() -> {
      second.complete();
      return null;
    });
    assertThat(ready()).isNull();
    onHome(() -> {
      first.complete();
      return null;
    });
    assertThat(firstFreed.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();
  }

  /** @return why readiness fails, or null when it passes */
  private String ready() throws Exception {
    return onHome(() -> health.probe().map((String) null).otherwise(Throwable::getMessage))
      .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private <T> T onHome(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    home.runOnContext(v -> result.complete(action.get()));
    return result.get(5, TimeUnit.SECONDS);
  }
}
