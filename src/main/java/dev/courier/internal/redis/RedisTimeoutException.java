package dev.courier.internal.redis;

/**
 * A Redis call got no reply within its deadline ({@code redis.commandTimeoutMs}, plus the time a blocking command
 * asked to block). The connection it was sent on has been dropped; whether the command ran is unknown. Callers treat
 * it as an outage ({@link RedisFailures#isUnavailable}): an HTTP caller gets 503, a duty retries on a new connection.
 */
public final class RedisTimeoutException extends RuntimeException {

  private RedisTimeoutException(String message) {
    super(message, null, false, false); // the stack says nothing: the call was sent from a callback
  }

  /** @param command the command (or {@code batch}, {@code connect}) that got no reply */
  public static RedisTimeoutException call(String command, long deadlineMs) {
    return new RedisTimeoutException("Redis did not answer " + command + " within " + deadlineMs + " ms "
      + "(redis.commandTimeoutMs); its connection was dropped");
  }

  /** No pooled connection could be had, or a new one's handshake got no reply, within the deadline. */
  public static RedisTimeoutException connect(long deadlineMs) {
    return new RedisTimeoutException("no connection to Redis could be had within " + deadlineMs + " ms "
      + "(redis.commandTimeoutMs): the pool's are busy, or a new one's handshake got no reply");
  }

  /** A fire still waiting, behind other calls, for its turn to be written when its deadline passed. */
  public static RedisTimeoutException queued(long deadlineMs) {
    return new RedisTimeoutException("Redis did not store the task within " + deadlineMs + " ms "
      + "(redis.commandTimeoutMs)");
  }

  /** Redis is in an outage: {@code lastTimeout} says which call began it. */
  static RedisTimeoutException unreachable(String lastTimeout) {
    return new RedisTimeoutException("no Redis call completes: " + lastTimeout);
  }

  /** More tasks wait to be written than the node holds: Redis is not keeping up (or not answering). */
  public static RedisTimeoutException backlog(int waiting) {
    return new RedisTimeoutException("refused: " + waiting + " fired tasks already wait for Redis to store them");
  }
}
