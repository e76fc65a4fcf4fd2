package dev.courier.internal.redis;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/** Tells a Redis that cannot be reached (refused, dropped, pool exhausted) from other failures. */
public final class RedisFailures {

  private RedisFailures() {
  }

  /** @return whether {@code failure} (or a cause) says the connection was refused, closed or could not be had. */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof ConnectException || t instanceof ClosedChannelException
        || t.getClass().getSimpleName().equals("ConnectionPoolTooBusyException")
        || message.startsWith("Connection is closed") || message.contains("Connection refused")) {
        return true;
      }
    }
    return false;
  }
}
