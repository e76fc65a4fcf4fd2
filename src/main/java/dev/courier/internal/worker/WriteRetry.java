package dev.courier.internal.worker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tries an outcome write again when it fails (Redis unreachable or refusing writes, a connection cut): up to
 * {@value #TRIES} tries, {@link #WAITS_MS} apart (2.6 s in all), so that a short outage costs neither a whole lease nor
 * a second run of a task that already ran (asynq's syncer retries these writes too). An answer is final, even "another
 * delivery owns the task": only failures are tried again. The caller keeps the lease renewed between tries.
 */
final class WriteRetry {

  static final int TRIES = 5;
  private static final long[] WAITS_MS = {100, 300, 700, 1500};

  /**
   * Runs {@code write} until it answers or {@value #TRIES} tries failed; {@code onFailedTry} hears each failure that
   * is followed by another try. Call on a Vert.x context: the waits are timers on it, and the tries run there.
   */
  <T> Future<T> run(Supplier<Future<T>> write, Consumer<Throwable> onFailedTry) {
    return attempt(write, onFailedTry, 0);
  }

  private <T> Future<T> attempt(Supplier<Future<T>> write, Consumer<Throwable> onFailedTry, int done) {
    Future<T> tried;
    try {
      tried = write.get();
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    return tried.recover(err -> {
      if (done + 1 >= TRIES) {
        return Future.failedFuture(err);
      }
      onFailedTry.accept(err);
      return Vertx.currentContext().owner().timer(WAITS_MS[done]).compose(v -> attempt(write, onFailedTry, done + 1));
    });
  }
}
