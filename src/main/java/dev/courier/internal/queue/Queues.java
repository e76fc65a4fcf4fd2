package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens each named queue once (scripts loaded, group created) and hands out the same {@link RedisQueue} after. */
public final class Queues {

  private final Redis redis;
  private final String prefix;
  private final ReplicaAck ack;
  private final DataLossLog losses;
  private final Map<String, Future<RedisQueue>> open = new ConcurrentHashMap<>();

  public Queues(Redis redis, String prefix) {
    this(redis, prefix, ReplicaAck.NONE, DataLossLog.silent());
  }

  /** @param ack what a fire waits for; @param losses where a queue whose data Redis lost is reported */
  public Queues(Redis redis, String prefix, ReplicaAck ack, DataLossLog losses) {
    this.redis = redis;
    this.prefix = prefix;
    this.ack = ack;
    this.losses = losses;
  }

  public Future<RedisQueue> get(String queue) {
    return open.computeIfAbsent(queue, name -> RedisQueue.open(redis, new QueueKeys(prefix, name), ack, losses)
      // a failed open (Redis down) is not cached: the next call tries again
      .onFailure(err -> open.remove(name)));
  }

  /** @return the queues opened so far */
  public List<RedisQueue> opened() {
    return open.values().stream().filter(Future::succeeded).map(Future::result).toList();
  }

  public DataLossLog losses() {
    return losses;
  }

  public Redis redis() {
    return redis;
  }
}
