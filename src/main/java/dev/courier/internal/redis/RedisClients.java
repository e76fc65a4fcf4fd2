package dev.courier.internal.redis;

import dev.courier.internal.config.RedisConfig;
import dev.courier.internal.config.RedisType;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

/**
 * The node's one pooled Redis client, for a standalone server, a Sentinel-watched master or a Cluster. The pool
 * reconnects by itself after an outage or failover; blocking reads never use it (they take dedicated connections).
 */
public final class RedisClients {

  private RedisClients() {
  }

  public static Redis create(Vertx vertx, RedisConfig config) {
    RedisOptions options = new RedisOptions()
      .setMaxPoolSize(config.maxPoolSize())
      .setMaxPoolWaiting(config.maxPoolWaiting())
      .setMaxWaitingHandlers(Math.max(2048, config.maxPoolWaiting()));
    switch (config.type()) {
      case SENTINEL -> options.setType(RedisClientType.SENTINEL).setMasterName(config.masterName())
        .setRole(RedisRole.MASTER);
      case CLUSTER -> options.setType(RedisClientType.CLUSTER);
      default -> options.setType(RedisClientType.STANDALONE);
    }
    if (config.type() == RedisType.STANDALONE || config.endpoints().isEmpty()) {
      options.setConnectionString(config.url());
    } else {
      config.endpoints().forEach(options::addConnectionString);
    }
    return Redis.createClient(vertx, options);
  }
}
