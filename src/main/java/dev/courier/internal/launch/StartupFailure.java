package dev.courier.internal.launch;

import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.redis.RedisFailures;

/**
 * Turns the failure that stopped a node from starting into the one line a person reads on stderr: what to fix,
 * never a stack trace (that goes to the log at DEBUG). Redis that cannot be reached names {@code redis.url}.
 */
final class StartupFailure {

  private StartupFailure() {
  }

  static String describe(Throwable failure, CourierConfig config) {
    if (RedisFailures.isUnreachable(failure)) {
      return "cannot reach Redis at " + config.redis().displayUrl()
        + " (config key 'redis.url', env COURIER_REDIS_URL): " + firstLine(rootMessage(failure));
    }
    return "cannot start: " + firstLine(failure.getMessage() == null ? failure.toString() : failure.getMessage());
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
