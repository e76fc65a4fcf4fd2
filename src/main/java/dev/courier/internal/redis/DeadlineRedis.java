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

  /** Suspect sockets dropped, at most, before a caller gets the next the pool gives (a new one, at worst). */
  private static final int MAX_SUSPECTS = 64;

  @Override
  public Future<RedisConnection> connect() {
    Future<RedisConnection> connecting = unsuspected(MAX_SUSPECTS);
    // the handshake (HELLO, AUTH, SELECT) on a silent socket hangs as a command would
    return connecting.timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS).transform(ar -> {
      if (ar.succeeded()) {
        return Future.succeededFuture(new DeadlineConnection(ar.result(), timeoutMs, health));
      }
      if (!connecting.isComplete()) {
        connecting.onSuccess(RedisConnection::close); // it did connect, late: back to the pool for the next call
        RedisTimeoutException timeout = RedisTimeoutException.connect(timeoutMs);
        health.timedOut(timeout.getMessage());
        return Future.failedFuture(timeout);
      }
      return Future.failedFuture(ar.cause());
    });
  }

  /** A connection from the pool that is not suspected of being silent (see {@link SilentSockets}). */
  private Future<RedisConnection> unsuspected(int tries) {
    return delegate.connect().compose(conn -> {
      if (tries > 0 && health.sockets().suspect(conn)) {
        SocketDrop.drop(conn);
        return unsuspected(tries - 1);
      }
      return Future.succeededFuture(conn);
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
