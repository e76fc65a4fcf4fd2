package dev.courier.internal.worker;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;

/**
 * A dedicated connection for the runtime's unit tests, where the {@link FakeWorkQueue} answers the calls made on it: it
 * sends nothing, and it remembers whether it was closed and its handlers, so a test can end it.
 */
final class NoConnection implements RedisConnection {

  volatile boolean closed;
  volatile Handler<Void> end;
  volatile Handler<Throwable> failure;

  @Override
  public RedisConnection exceptionHandler(Handler<Throwable> handler) {
    failure = handler;
    return this;
  }

  @Override
  public RedisConnection handler(Handler<Response> handler) {
    return this;
  }

  @Override
  public RedisConnection pause() {
    return this;
  }

  @Override
  public RedisConnection resume() {
    return this;
  }

  @Override
  public RedisConnection fetch(long amount) {
    return this;
  }

  @Override
  public RedisConnection endHandler(Handler<Void> handler) {
    end = handler;
    return this;
  }

  @Override
  public Future<Response> send(Request command) {
    return Future.failedFuture("NoConnection sends nothing");
  }

  @Override
  public Future<List<Response>> batch(List<Request> commands) {
    return Future.failedFuture("NoConnection sends nothing");
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }

  @Override
  public boolean pendingQueueFull() {
    return false;
  }
}
