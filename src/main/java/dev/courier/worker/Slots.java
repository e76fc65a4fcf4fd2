package dev.courier.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The node's concurrency limit ({@code tasks.concurrency}), shared by all its worker verticles. Fetchers take slots
 * before reading from Redis, so a node never claims more tasks than it can run; a fetcher with no slot waits for one
 * to be released instead of polling.
 */
public final class Slots {

  private final int capacity;
  private int free;
  private final Queue<Waiter> waiters = new ArrayDeque<>();

  public Slots(int capacity) {
    this.capacity = capacity;
    this.free = capacity;
  }

  /** @return how many of {@code wanted} slots were granted (0 when none is free). */
  synchronized int tryAcquire(int wanted) {
    int granted = Math.min(wanted, free);
    free -= granted;
    return granted;
  }

  void release(int count) {
    Waiter waiter;
    synchronized (this) {
      free = Math.min(capacity, free + count);
      waiter = free > 0 ? waiters.poll() : null;
    }
    if (waiter != null) {
      waiter.context.runOnContext(v -> waiter.promise.tryComplete());
    }
  }

  /** @return a future completed (on the caller's context) when a slot may be free. */
  Future<Void> whenFree() {
    Context context = Vertx.currentContext();
    Promise<Void> promise = Promise.promise();
    synchronized (this) {
      if (free > 0) {
        return Future.succeededFuture();
      }
      waiters.add(new Waiter(context, promise));
    }
    return promise.future();
  }

  synchronized int inUse() {
    return capacity - free;
  }

  private record Waiter(Context context, Promise<Void> promise) {
  }
}
