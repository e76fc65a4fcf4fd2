package dev.courier.internal.queue;

import dev.courier.task.TaskStatus;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;

/**
 * Reads of a queue that change nothing: one task's status (with or without its envelope), the queue's sizes and
 * Redis's clock. Kept apart from the moves so the read paths (status lookups, the admin overview, the recoverer's
 * clock) are easy to find and to check for side effects.
 */
final class StatusReads {

  private final Redis redis;
  private final QueueKeys keys;

  StatusReads(Redis redis, QueueKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * The task's status, or {@code null} if it has no hash (never stored, or expired after retention). One
   * {@code HMGET}; a damaged field reads as a defined value, never as a failure ({@link StatusFields}).
   */
  Future<TaskStatus> status(String taskId) {
    return redis.send(StatusFields.read(keys.task(taskId))).map(r -> StatusFields.status(taskId, keys.queue(), r));
  }

  /**
   * The task's status with its sealed envelope (for the caller to verify), or {@code null} if it has no hash. One
   * {@code HMGET}; a key that is not a hash reads as a record in state {@code UNKNOWN} saying so, never as a failure.
   */
  Future<TaskRecord> statusWithEnvelope(String taskId) {
    return redis.send(TaskRecords.read(keys.task(taskId), true))
        .map(r -> TaskRecords.record(taskId, keys.queue(), r))
        .recover(err -> TaskRecords.isWrongType(err)
            ? Future.succeededFuture(TaskRecords.notAHash(taskId, keys.queue()))
            : Future.failedFuture(err));
  }

  /** Current sizes of the queue (five reads in one round trip; not an atomic snapshot). */
  Future<QueueCounts> counts() {
    return redis.batch(List.of(Request.cmd(Command.XLEN).arg(keys.ready()),
            Request.cmd(Command.XPENDING).arg(keys.ready()).arg(keys.group()),
            Request.cmd(Command.ZCARD).arg(keys.delayed()), Request.cmd(Command.ZCARD).arg(keys.retrying()),
            Request.cmd(Command.ZCARD).arg(keys.dead())))
        .map(r -> {
          long length = r.get(0).toLong();
          long pending = r.get(1) == null || r.get(1).size() == 0 ? 0 : r.get(1).get(0).toLong();
          return new QueueCounts(Math.max(0, length - pending), pending, r.get(2).toLong(), r.get(3).toLong(),
              r.get(4).toLong());
        });
  }

  /** @return Redis's own clock, in ms ({@code TIME}) */
  Future<Long> redisTimeMs() {
    return redis.send(Request.cmd(Command.TIME))
        .map(r -> r.get(0).toLong() * 1000 + r.get(1).toLong() / 1000);
  }
}
