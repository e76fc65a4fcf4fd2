package dev.courier.internal.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.CommandImpl;

import java.util.List;
import java.util.Objects;

/**
 * A Redis client whose every call has a deadline ({@code redis.commandTimeoutMs}): a call with no reply by then fails
 * with {@link RedisTimeoutException}, and the socket it was sent on is closed, so the pool hands the next call a new
 * connection. Without it a silent Redis (a partition that drops packets, a replaced host whose old connections never
 * answer) holds every call for the kernel's ~15 minutes. {@link RedisClients} wraps every client in one, so no caller
 * can forget; the connections {@link #connect()} gives are wrapped too ({@link DeadlineConnection}).
 */
public final class DeadlineRedis implements Redis {

  private final Redis delegate;
  private final long timeoutMs;
  private final RedisHealth health;

  DeadlineRedis(Redis delegate, long timeoutMs, RedisHealth health) {
    this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null");
    this.timeoutMs = timeoutMs;
    this.health = Objects.requireNonNull(health, "'health' cannot be null");
  }

  /** @return the deadline of a plain call on {@code redis}, or 0 when it is not a node client (has none) */
  public static long timeoutMs(Redis redis) {
    return redis instanceof DeadlineRedis d ? d.timeoutMs : 0;
  }

  @Override
  public Future<RedisConnection> connect() {
    Future<RedisConnection> connecting = delegate.connect();
    // the handshake (HELLO, AUTH, SELECT) on a silent socket hangs as a command would
    return connecting.timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS).transform(ar -> {
      if (ar.succeeded()) {
        return Future.succeededFuture(new DeadlineConnection(ar.result(), timeoutMs, health));
      }
      if (!connecting.isComplete()) {
        connecting.onSuccess(SocketDrop::drop); // too late: nobody will use it
        String message = "connect (the handshake)";
        RedisTimeoutException timeout = RedisTimeoutException.call(message, timeoutMs);
        health.timedOut(timeout.getMessage());
        return Future.failedFuture(timeout);
      }
      return Future.failedFuture(ar.cause());
    });
  }

  @Override
  public Future<Response> send(Request request) {
    if (((CommandImpl) request.command()).isPubSub()) {
      return delegate.send(request); // the client refuses it without a connection of its own
    }
    // as the client's own send: a pooled connection for one call, given back after; but a timed-out one is dropped
    return connect().compose(conn -> conn.send(request).onComplete(ar -> ((DeadlineConnection) conn).release()));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    if (requests.isEmpty()) {
      return delegate.batch(requests);
    }
    return connect().compose(conn -> conn.batch(requests).onComplete(ar -> ((DeadlineConnection) conn).release()));
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
