package dev.courier.internal.worker;

import dev.courier.internal.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Vert.x for the runtime's unit tests: one lane and a home loop apart from it, an injected clock, and every
 * exception a handler let escape (a home-loop check that failed lands there). {@link #close} asserts there was none.
 */
final class HomeHarness implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final ContextInternal lane = ((VertxInternal) vertx).createEventLoopContext();
  final HomeLoop home = HomeLoop.apartFrom((VertxInternal) vertx, List.of(lane));
  final MutableClock clock = new MutableClock();
  final WorkerHealth health = new WorkerHealth();
  final List<Throwable> escaped = new CopyOnWriteArrayList<>();

  HomeHarness() {
    vertx.exceptionHandler(escaped::add);
    health.started();
  }

  /** Runs {@code action} on the home loop and waits for it. */
  void onHome(Runnable action) {
    onHome(() -> {
      action.run();
      return null;
    });
  }

  /** Runs {@code action} on the home loop and waits for its value. */
  <T> T onHome(Supplier<T> action) {
    return await(home.run(() -> Future.succeededFuture(action.get())));
  }

  /** @return the home loop's thread */
  Thread homeThread() {
    return onHome(Thread::currentThread);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer within 5 s (or a failure)", e);
    }
  }

  @Override
  public void close() {
    try {
      assertThat(escaped).as("exceptions that escaped a handler (a home-loop check?)").isEmpty();
    } finally {
      await(vertx.close());
    }
  }
}
