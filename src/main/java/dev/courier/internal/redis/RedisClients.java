package dev.courier.internal.redis;

import dev.courier.internal.config.RedisConfig;
import dev.courier.internal.config.RedisType;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

import java.util.concurrent.TimeUnit;

/**
 * The node's one pooled Redis client, for a standalone server, a Sentinel-watched master or a Cluster. The pool
 * reconnects by itself after an outage or failover; blocking reads never use it (they take dedicated connections).
 * Every client made here is a {@link DeadlineRedis}: each call has {@code redis.commandTimeoutMs} to be answered.
 */
public final class RedisClients {

  private RedisClients() {
  }

  /** The shared pool: every short command of the node. */
  public static final String SHARED = "courier";
  /**
   * How long a Sentinel client trusts the master the sentinels named (Vert.x's default is 1 s). Every command after a
   * switch that is older than this goes to the demoted master, which still takes writes: a short cache shortens the
   * window in which a fire can be lost, for 3 SENTINEL commands per period on a busy node.
   */
  static final long TOPOLOGY_TTL_MS = 250;

  /** The pool of connections held by one user each (arrival watches, wake subscriptions). */
  public static final String DEDICATED = "courier-dedicated";

  /**
   * An idle pooled connection is dropped by the pool after this long ({@code recycleTimeout}, checked every
   * {@link #POOL_CLEANER_MS}); a socket that read nothing for {@link #READ_IDLE_MS} is closed by Vert.x. The second is
   * only a backstop for a socket nothing else watches (a handshake on a socket that accepted and went silent): it is
   * longer than the first plus a check, so it never closes a pooled connection as a call is sent on it; calls have
   * their deadline, and subscriptions are pinged.
   */
  static final int POOL_RECYCLE_MS = 180_000;
  static final int POOL_CLEANER_MS = 30_000;
  static final int READ_IDLE_MS = POOL_RECYCLE_MS + 2 * POOL_CLEANER_MS;

  /** The shared pool of a client that is not a node (its own outage record). */
  public static Redis create(Vertx vertx, RedisConfig config) {
    return create(vertx, config, SHARED, new RedisHealth());
  }

  /**
   * @param poolName the pool's {@code pool_name} and the client's {@code client_namespace} in the metrics (Vert.x
   *                 would name the pool with a random UUID, and leave the two clients of a node apart by nothing)
   */
  public static Redis create(Vertx vertx, RedisConfig config, String poolName, RedisHealth health) {
    RedisOptions options = new RedisOptions()
      .setPoolName(poolName)
      .setPoolRecycleTimeout(POOL_RECYCLE_MS)
      .setPoolCleanerInterval(POOL_CLEANER_MS)
      .setMaxPoolSize(config.maxPoolSize())
      .setMaxPoolWaiting(config.maxPoolWaiting())
      .setMaxWaitingHandlers(Math.max(2048, config.maxPoolWaiting()));
    switch (config.type()) {
      // The shared pool follows a failover itself (each command takes a connection to the master of the moment).
      // Dedicated connections do not: the client's swap would drop their handlers and subscriptions, so
      // MasterSwitchWatch tells their owners to reconnect instead.
      case SENTINEL -> options.setType(RedisClientType.SENTINEL).setMasterName(config.masterName())
        .setRole(RedisRole.MASTER).setAutoFailover(!DEDICATED.equals(poolName)).setTopologyCacheTTL(TOPOLOGY_TTL_MS);
      case CLUSTER -> options.setType(RedisClientType.CLUSTER);
      default -> options.setType(RedisClientType.STANDALONE);
    }
    if (config.type() == RedisType.STANDALONE || config.endpoints().isEmpty()) {
      options.setConnectionString(config.url());
    } else {
      config.endpoints().forEach(options::addConnectionString);
    }
    // keep-alive: a peer that vanished (no reset) is found even on a connection no call uses, within the kernel's
    // keep-alive time (net.ipv4.tcp_keepalive_time, 2 h unless tuned); the deadlines find it sooner on a used one
    options.getNetClientOptions().setMetricsName(poolName).setTcpKeepAlive(true)
      .setReadIdleTimeout(READ_IDLE_MS).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    return new DeadlineRedis(Redis.createClient(vertx, options), config.commandTimeoutMs(), health);
  }

  /**
   * A client of one sentinel ({@code url}, the {@code index}-th endpoint), for watching master switches; one
   * connection is all it needs.
   */
  static Redis sentinel(Vertx vertx, String url, int index, long commandTimeoutMs) {
    RedisOptions options = new RedisOptions().setPoolName(SHARED + "-sentinel-" + index).setMaxPoolSize(1)
      .setMaxPoolWaiting(1).setType(RedisClientType.STANDALONE).setConnectionString(url);
    options.getNetClientOptions().setTcpKeepAlive(true);
    // a silent sentinel is not the node's Redis: its timeouts do not make the node unready
    return new DeadlineRedis(Redis.createClient(vertx, options), commandTimeoutMs, new RedisHealth());
  }
}
