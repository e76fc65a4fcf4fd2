package dev.courier.internal.redis;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * Tells a Redis that cannot serve now (refused, dropped, pool exhausted, loading its data, no master) from other
 * failures: the first kind is an outage a client may retry (HTTP 503), the second a bug (500).
 */
public final class RedisFailures {

  /**
   * Error replies of a Redis that is up but cannot serve yet, or no longer: a retry later may succeed. MOVED and ASK
   * reach us only when the Cluster client used up its redirects while a slot was being moved (resharding).
   */
  private static final List<String> TRANSIENT_REPLIES = List.of("LOADING", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN",
    "READONLY", "BUSY", "CONNECTION_CLOSED", "MOVED", "ASK");

  private RedisFailures() {
  }

  /**
   * @return whether {@code failure} (or a cause) says Redis cannot serve for now: unreachable, or an error reply
   *     such as {@code LOADING} (restarting with its data), {@code MASTERDOWN}/{@code READONLY} (a failover)
   */
  public static boolean isUnavailable(Throwable failure) {
    if (isUnreachable(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = unbatched(String.valueOf(t.getMessage()));
      int space = message.indexOf(' ');
      if (TRANSIENT_REPLIES.contains(space < 0 ? message : message.substring(0, space))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A failed pipeline ({@code Redis.batch}) reports its first error as {@code ERR [i] <reply>}: the reply is what
   * tells an outage apart.
   */
  private static String unbatched(String message) {
    if (message.startsWith("ERR [")) {
      int close = message.indexOf("] ");
      if (close > 0) {
        return message.substring(close + 2);
      }
    }
    return message;
  }

  /**
   * @return whether {@code failure} (or a cause) says the connection was refused, closed, reset by Redis (a killed
   *     or restarting server), could not be had, or got no reply within its deadline
   */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof RedisTimeoutException || t instanceof ConnectException || t instanceof ClosedChannelException
        || t instanceof SocketException
        || t.getClass().getSimpleName().equals("ConnectionPoolTooBusyException")
        || message.startsWith("Connection is closed") || message.contains("Connection refused")
        || message.contains("Connection reset") || message.contains("Broken pipe")) {
        return true;
      }
    }
    return false;
  }
}
