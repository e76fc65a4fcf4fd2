package dev.courier.internal.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.CommandImpl;

import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection whose every call has a deadline (see {@link DeadlineRedis}); a call past it fails with
 * {@link RedisTimeoutException} and the socket is closed, which ends the connection: its end handler runs, as after
 * any lost connection, and its owner opens a new one. A subscribed connection is silent by nature, so it is pinged
 * every deadline: a subscription on a silent socket ends within two deadlines instead of never. Closed with a call
 * still pending (an owner giving up on an {@code XREAD BLOCK}), the socket is dropped too: the pool would hand it to
 * the next caller with that reply still to come first.
 */
final class DeadlineConnection implements RedisConnection {

  private final RedisConnection delegate;
  private final long timeoutMs;
  private final RedisHealth health;
  private Handler<Void> onEnd;
  private volatile boolean dropped;
  private volatile long pinger = -1;
  private volatile Vertx pingVertx;
  private final AtomicInteger pending = new AtomicInteger();

  DeadlineConnection(RedisConnection delegate, long timeoutMs, RedisHealth health) {
    this.delegate = delegate;
    this.timeoutMs = timeoutMs;
    this.health = health;
    delegate.endHandler(v -> ended());
  }

  @Override
  public Future<Response> send(Request request) {
    CommandImpl cmd = (CommandImpl) request.command();
    if (cmd.isPubSub()) {
      // answered on the handler, not here: the client completes it once written
      return within(delegate.send(request), timeoutMs, cmd::toString, false).onSuccess(r -> {
        if (request.command() == Command.SUBSCRIBE || request.command() == Command.PSUBSCRIBE) {
          pingEvery(timeoutMs);
          health.sockets().waiting(this);
        }
      });
    }
    if (CallDeadline.isBlockingRead(request)) {
      // silent until something arrives: only another call's timeout can tell its socket is dead sooner
      health.sockets().waiting(this);
      return within(delegate.send(request), CallDeadline.of(request, timeoutMs), cmd::toString, true)
        .onComplete(ar -> health.sockets().waitDone(this));
    }
    return within(delegate.send(request), CallDeadline.of(request, timeoutMs), cmd::toString, true);
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return within(delegate.batch(requests), CallDeadline.of(requests, timeoutMs),
      () -> "a pipeline of " + requests.size() + " (" + requests.get(0).command() + "...)", true);
  }

  /** @param what names the call, only when it timed out; @param replies whether {@code call} completes on Redis's reply (not on the write, as a pub/sub command does) */
  private <T> Future<T> within(Future<T> call, long deadlineMs, Supplier<String> what, boolean replies) {
    long sentAtMs = System.currentTimeMillis();
    pending.incrementAndGet();
    call.onComplete(ar -> pending.decrementAndGet());
    if (deadlineMs == CallDeadline.NONE) {
      return call;
    }
    return call.timeout(deadlineMs, TimeUnit.MILLISECONDS).transform(ar -> {
      if (ar.succeeded() || call.isComplete()) {
        if (replies && (call.succeeded() || isReply(call.cause()))) {
          health.replied();
          health.sockets().replied(delegate);
        }
        return call; // the reply (or error reply) came in time, or just as the timer fired
      }
      RedisTimeoutException timeout = RedisTimeoutException.call(what.get(), deadlineMs);
      health.timedOut(timeout.getMessage());
      drop();
      health.sockets().timedOut(sentAtMs);
      return Future.failedFuture(timeout);
    });
  }

  /** An error reply is Redis answering; a lost connection is not (in a pipeline: {@code ERR [i] CONNECTION_CLOSED}). */
  private static boolean isReply(Throwable failure) {
    // the client's ErrorType is the one failure that is also a Response (its package is not exported)
    return failure instanceof io.vertx.redis.client.Response && !String.valueOf(failure.getMessage()).contains("CONNECTION_CLOSED");
  }

  /** Closes the socket; the pool forgets it and the end handler runs. */
  void drop() {
    dropped = true;
    stopPinging();
    health.sockets().waitDone(this);
    SocketDrop.drop(delegate);
  }

  /** Gives a plain call's connection back to its pool, unless the call timed out (then it is already dropped). */
  void release() {
    if (!dropped) {
      delegate.close();
    }
  }

  private void pingEvery(long periodMs) {
    Vertx vertx = Vertx.currentContext() == null ? null : Vertx.currentContext().owner();
    if (vertx == null || pinger >= 0 || dropped) {
      return;
    }
    pingVertx = vertx;
    pinger = vertx.setPeriodic(periodMs, id -> {
      if (dropped) {
        vertx.cancelTimer(id);
      } else {
        send(Request.cmd(Command.PING)); // a timeout drops the connection; nothing else to do here
      }
    });
  }

  private void stopPinging() {
    long id = pinger;
    if (id >= 0) {
      pingVertx.cancelTimer(id);
    }
    pinger = -1;
  }

  private void ended() {
    dropped = true;
    stopPinging();
    health.sockets().waitDone(this);
    if (onEnd != null) {
      onEnd.handle(null);
    }
  }

  @Override
  public Future<Void> close() {
    stopPinging();
    health.sockets().waitDone(this);
    if (!dropped && pending.get() > 0) {
      drop();
    }
    return dropped ? Future.succeededFuture() : delegate.close();
  }

  @Override
  public RedisConnection exceptionHandler(Handler<Throwable> handler) {
    delegate.exceptionHandler(handler);
    return this;
  }

  @Override
  public RedisConnection handler(Handler<Response> handler) {
    delegate.handler(handler);
    return this;
  }

  @Override
  public RedisConnection pause() {
    delegate.pause();
    return this;
  }

  @Override
  public RedisConnection resume() {
    delegate.resume();
    return this;
  }

  @Override
  public RedisConnection fetch(long amount) {
    delegate.fetch(amount);
    return this;
  }

  @Override
  public RedisConnection endHandler(Handler<Void> handler) {
    onEnd = handler;
    return this;
  }

  @Override
  public boolean pendingQueueFull() {
    return delegate.pendingQueueFull();
  }
}
