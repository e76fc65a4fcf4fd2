package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The delayed side of a queue: tasks waiting in {@code delayed} and {@code retrying} until they are due. It moves
 * due ones to {@code ready}, says when the next one is due, and listens on the wake channel for new due times. Kept
 * apart because only the promoter uses it, on its own timer.
 */
final class DelayedTasks {

  private final Redis redis;
  private final QueueKeys keys;
  private final QueueScripts scripts;

  DelayedTasks(Redis redis, QueueKeys keys, QueueScripts scripts) {
    this.redis = redis;
    this.keys = keys;
    this.scripts = scripts;
  }

  /**
   * Moves up to {@code limit} tasks due by Redis's clock from {@code delayed} and {@code retrying} to {@code ready};
   * returns the next due time or -1. Redis's clock decides, so nodes whose clocks disagree promote alike;
   * {@code nowMs}, the caller's clock, only expresses the answer: the next due time comes back moved into it (due -
   * Redis's now + {@code nowMs}), so a timer armed at it waits as long as Redis's clock needs.
   */
  Future<Long> promoteDue(long nowMs, int limit) {
    return scripts.run(QueueScript.PROMOTE_DUE, List.of(keys.ready(), keys.delayed(), keys.retrying()),
        List.of(Long.toString(nowMs), Long.toString(limit), keys.taskPrefix()))
        .map(Response::toLong);
  }

  /** Earliest due time in {@code delayed} and {@code retrying} (epoch ms), or -1 if both are empty. */
  Future<Long> nextDue() {
    return redis.batch(List.of(first(keys.delayed()), first(keys.retrying()))).map(r -> {
      long next = -1;
      for (Response one : r) {
        long due = firstScore(one);
        if (due >= 0 && (next < 0 || due < next)) {
          next = due;
        }
      }
      return next;
    });
  }

  private static Request first(String zset) {
    return Request.cmd(Command.ZRANGE).arg(zset).arg(0).arg(0).arg("WITHSCORES");
  }

  private static long firstScore(Response r) {
    if (r == null || r.size() == 0) {
      return -1L;
    }
    // RESP3 nests [member, score] pairs; RESP2 is flat [member, score]
    Response score = r.get(0).type() == ResponseType.MULTI ? r.get(0).get(1) : r.get(1);
    return (long) Double.parseDouble(score.toString());
  }

  /**
   * Subscribes the connection {@code connect} opens (a dedicated one) to the wake channel and calls {@code onDue}
   * with each published due time. The Future completes once Redis confirmed the subscription; the caller closes the
   * connection.
   */
  Future<RedisConnection> subscribeWake(Supplier<Future<RedisConnection>> connect, LongConsumer onDue) {
    return connect.get().compose(conn -> {
      Promise<RedisConnection> subscribed = Promise.promise();
      conn.handler(msg -> {
        Long due = Replies.wakeDue(msg);
        if (due != null) {
          onDue.accept(due);
        } else if (Replies.isSubscribed(msg)) {
          subscribed.tryComplete(conn);
        }
      });
      conn.send(Request.cmd(Command.SUBSCRIBE).arg(keys.wakeChannel()))
          .onFailure(err -> conn.close().onComplete(v -> subscribed.tryFail(err)));
      return subscribed.future();
    });
  }
}
