package dev.courier.internal.config;

/** The Redis topology to connect to. Spelled {@code standalone}, {@code sentinel}, {@code cluster}. */
public enum RedisType {
  /** One Redis server at {@code redis.url}. */
  STANDALONE,
  /** Sentinels at {@code redis.endpoints}, watching the master named {@code redis.masterName}. */
  SENTINEL,
  /** A Redis Cluster reached through the seed nodes at {@code redis.endpoints}. */
  CLUSTER
}
