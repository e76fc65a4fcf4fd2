package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Checks that the server is Redis 6.2 or later before a queue is used: the recoverer's XAUTOCLAIM and the scripts'
 * stream commands do not exist before it, and an old server would otherwise fail much later, task by task.
 */
final class RedisVersion {

  static final int[] MINIMUM = {6, 2};

  private RedisVersion() {
  }

  static Future<Void> require(Redis redis) {
    return redis.send(Request.cmd(Command.INFO).arg("server")).compose(info -> {
      String version = field(info == null ? "" : info.toString(), "redis_version");
      if (version != null && !atLeast(version, MINIMUM)) {
        return Future.failedFuture(QueueException.tooOld(version, MINIMUM[0] + "." + MINIMUM[1]));
      }
      return Future.succeededFuture();
    });
  }

  /** @return whether dotted {@code version} is at least {@code minimum} (major, minor); unparsable counts as new. */
  static boolean atLeast(String version, int[] minimum) {
    String[] parts = version.split("\\.");
    try {
      for (int i = 0; i < minimum.length; i++) {
        int part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
        if (part != minimum[i]) {
          return part > minimum[i];
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }
}
