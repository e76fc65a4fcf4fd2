package dev.courier.internal.redis;

import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisClusterConnection;
import io.vertx.redis.client.impl.RedisSentinelConnection;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closes the socket under a Redis connection a call timed out on. {@code close()} is not enough: on a pooled
 * connection it only hands the socket back to the pool, which gives the silent socket (its command still pending) to
 * the next caller. Closing the socket makes the client fail what is pending on it ({@code CONNECTION_CLOSED}) and
 * evict it from its pool, so the next call gets a new connection. The client offers no public way to do this: the
 * pooled connection's {@code actual().forceClose()} is public; the Sentinel and Cluster wrappers hide theirs in a
 * field, read here (a Vert.x upgrade that renames it falls back to {@code close()}, and the timeout still fails the
 * call; DeadlineRedisTest would show the pool handing out the dead socket again).
 */
final class SocketDrop {

  // looked up once: this runs for every connection a Sentinel or Cluster client hands out
  private static final Field SENTINEL_SOCKET = field(RedisSentinelConnection.class, "connection");
  private static final Field CLUSTER_SOCKETS = field(RedisClusterConnection.class, "connections");

  private SocketDrop() {
  }

  /** Closes the sockets of {@code connection} now; its pending calls fail, and its pool forgets it. */
  static void drop(RedisConnection connection) {
    List<PooledRedisConnection> pooled = pooled(connection);
    if (pooled.isEmpty()) {
      connection.close();
    }
    pooled.forEach(p -> p.actual().forceClose());
    if (connection instanceof RedisSentinelConnection) {
      connection.close(); // its failover handler forgets it (the socket under it is already closing)
    }
  }

  /** @return the pooled connections (one per socket) under {@code connection} */
  static List<PooledRedisConnection> pooled(RedisConnection connection) {
    if (connection instanceof PooledRedisConnection p) {
      return List.of(p);
    }
    List<PooledRedisConnection> found = new ArrayList<>();
    if (connection instanceof RedisSentinelConnection) {
      Object ref = read(SENTINEL_SOCKET, connection);
      if (ref instanceof AtomicReference<?> r && r.get() instanceof PooledRedisConnection p) {
        found.add(p);
      }
    } else if (connection instanceof RedisClusterConnection
      && read(CLUSTER_SOCKETS, connection) instanceof Map<?, ?> m) {
      synchronized (m) {
        m.values().forEach(c -> {
          if (c instanceof PooledRedisConnection p) {
            found.add(p);
          }
        });
      }
    }
    return found;
  }

  private static Field field(Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object read(Field field, Object owner) {
    try {
      return field == null ? null : field.get(owner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
