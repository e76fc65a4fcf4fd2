package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * The queue's consumer group on {@code ready}: created when the queue opens, and made again (after reporting the loss
 * to the marker) when a worker-side command finds it gone. Kept apart so every command that can meet NOGROUP recovers
 * the same way.
 */
final class ConsumerGroup {

  private final Redis redis;
  private final QueueKeys keys;
  private final QueueMarker marker;

  ConsumerGroup(Redis redis, QueueKeys keys, QueueMarker marker) {
    this.redis = redis;
    this.keys = keys;
    this.marker = marker;
  }

  /** Creates the group (and the stream) if they do not exist yet. */
  static Future<Void> create(Redis redis, QueueKeys keys) {
    Request req = Request.cmd(Command.XGROUP).arg("CREATE").arg(keys.ready()).arg(keys.group()).arg("0")
        .arg("MKSTREAM");
    return redis.send(req).<Void>mapEmpty()
        .recover(err -> err.getMessage() != null && err.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(err));
  }

  /** The group is gone: Redis lost the queue's data. Reported, then the group and a new marker are made again. */
  Future<Void> vanished() {
    return marker.lost("its consumer group vanished (NOGROUP)").compose(v -> create(redis, keys))
        .compose(v -> marker.adopt());
  }

  static boolean isNoGroup(Throwable err) {
    String m = err.getMessage();
    return m != null && (m.startsWith("NOGROUP") || m.contains("NOGROUP"));
  }
}
