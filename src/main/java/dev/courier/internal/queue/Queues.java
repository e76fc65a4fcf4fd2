package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens each named queue once (scripts loaded, group created) and hands out the same {@link RedisQueue} after. Every
 * caller gets its answer on its own context, whichever caller opened the queue: the one place where queue futures
 * hop back (a request goes on with its own call context and trace; the workers stay on their home loop).
 */
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

  /** @return the queue, once open, on the caller's context (a caller outside any context gets the opener's). */
  public Future<RedisQueue> get(String queue) {
    Future<RedisQueue> opening = open.computeIfAbsent(queue, name -> RedisQueue.open(redis, new QueueKeys(prefix,
        name), ack, losses)
      // a failed open (Redis down) is not cached: the next call tries again
      .onFailure(err -> open.remove(name)));
    ContextInternal caller = ContextInternal.current();
    if (caller == null) {
      return opening;
    }
    if (opening.isComplete()) { // the usual case: no hop at all, the answer is bound to this caller's context
      return opening.succeeded() ? caller.succeededFuture(opening.result()) : caller.failedFuture(opening.cause());
    }
    // the cached future calls back on the context of whoever opened the queue: hop back to this caller's
    Promise<RedisQueue> here = caller.promise();
    opening.onComplete(here);
    return here.future();
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
