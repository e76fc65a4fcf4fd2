package dev.courier.internal.redis;

import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisConnectionInternal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * After a call times out, the other sockets the pools held then are suspect: when the host was replaced (or a
 * partition cut them) each is as silent as the one that timed out, and each would cost a caller its whole deadline
 * before it is dropped: a pool of 32 would cost a duty 32 deadlines in a row. So a suspect is dropped when it is next
 * handed out, unless it replied meanwhile, and the caller gets another (a new one, at worst). A healthy idle socket
 * costs only a reconnect. Sockets opened after the timeout are not suspect. Thread-safe.
 */
final class SilentSockets {

  /** Sockets remembered at most before the closed ones are forgotten (pools hold a few dozen). */
  private static final int PRUNE_AT = 1024;

  // the client's own connection objects (one per socket, compared by identity)
  private final Map<RedisConnectionInternal, Boolean> known = new ConcurrentHashMap<>();
  private final Set<RedisConnectionInternal> suspects = ConcurrentHashMap.newKeySet();

  /** {@code connection} was just taken from its pool: true if it is a suspect, to drop unused (it stays one). */
  boolean suspect(RedisConnection connection) {
    RedisConnectionInternal socket = socket(connection);
    if (socket == null) {
      return false;
    }
    if (!known.containsKey(socket)) {
      if (known.size() >= PRUNE_AT) {
        known.keySet().removeIf(s -> !s.isValid());
      }
      known.put(socket, Boolean.TRUE);
    }
    // a dropped suspect stays one: its pool may hand it out again before its close is seen
    return !suspects.isEmpty() && suspects.contains(socket);
  }

  /** {@code connection} replied: it is alive. */
  void replied(RedisConnection connection) {
    RedisConnectionInternal socket;
    if (!suspects.isEmpty() && (socket = socket(connection)) != null) {
      suspects.remove(socket);
    }
  }

  /** A call timed out: every open socket known now is suspect until it replies. */
  void timedOut() {
    known.keySet().removeIf(s -> !s.isValid());
    suspects.removeIf(s -> !s.isValid());
    suspects.addAll(known.keySet());
  }

  private static RedisConnectionInternal socket(RedisConnection connection) {
    List<PooledRedisConnection> pooled = SocketDrop.pooled(connection);
    return pooled.size() == 1 ? pooled.get(0).actual() : null; // a Cluster connection spans several: not tracked
  }
}
