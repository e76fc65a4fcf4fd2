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
 * costs only a reconnect. Sockets opened after the timeout are not suspect. A connection that waits in silence (a
 * blocking read, {@code XREAD BLOCK}; a subscription) since before the call that timed out is dropped at once: its own
 * deadline or ping may take seconds more, and its owner waits that long (a dropped arrival watch just reads again,
 * claiming nothing; a dropped subscription is made again and its promoter catches up). Thread-safe.
 */
final class SilentSockets {

  /** Sockets remembered at most before the closed ones are forgotten (pools hold a few dozen). */
  private static final int PRUNE_AT = 1024;

  // the client's own connection objects (one per socket, compared by identity)
  private final Map<RedisConnectionInternal, Boolean> known = new ConcurrentHashMap<>();
  private final Set<RedisConnectionInternal> suspects = ConcurrentHashMap.newKeySet();
  // connections waiting in silence (a blocking read, a subscription), and since when (ms)
  private final Map<DeadlineConnection, Long> waiting = new ConcurrentHashMap<>();

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

  /** {@code connection} waits for something that may not come for long (a blocking read, a subscription). */
  void waiting(DeadlineConnection connection) {
    waiting.put(connection, System.currentTimeMillis());
  }

  /** {@code connection} waits no more (its read ended, it closed). */
  void waitDone(DeadlineConnection connection) {
    waiting.remove(connection);
  }

  /**
   * A call sent at {@code sentAtMs} timed out: every open socket known now is suspect until it replies, and the
   * connections waiting in silence since before it are dropped.
   */
  void timedOut(long sentAtMs) {
    known.keySet().removeIf(s -> !s.isValid());
    suspects.removeIf(s -> !s.isValid());
    suspects.addAll(known.keySet());
    waiting.forEach((connection, since) -> {
      if (since <= sentAtMs && waiting.remove(connection) != null) {
        connection.drop();
      }
    });
  }

  private static RedisConnectionInternal socket(RedisConnection connection) {
    List<PooledRedisConnection> pooled = SocketDrop.pooled(connection);
    return pooled.size() == 1 ? pooled.get(0).actual() : null; // a Cluster connection spans several: not tracked
  }
}
