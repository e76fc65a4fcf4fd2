package dev.courier.launch;

import dev.courier.config.CourierConfig;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * Turns the failure that stopped a node from starting into the one line a person reads on stderr: what to fix,
 * never a stack trace (that goes to the log at DEBUG). Redis that cannot be reached names {@code redis.url}.
 */
final class StartupFailure {

  private StartupFailure() {
  }

  static String describe(Throwable failure, CourierConfig config) {
    if (isUnreachable(failure)) {
      return "cannot reach Redis at " + config.redis().displayUrl()
        + " (config key 'redis.url', env COURIER_REDIS_URL): " + firstLine(rootMessage(failure));
    }
    return "cannot start: " + firstLine(failure.getMessage() == null ? failure.toString() : failure.getMessage());
  }

  private static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof ConnectException || t instanceof ClosedChannelException
        || message.contains("Connection refused") || message.startsWith("Connection is closed")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
