package dev.courier.internal.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * After a failover: which of the tasks this node stored lately the new master lacks. Those were taken by the old
 * master after its replica was promoted (or just before, not yet replicated) and are gone: reported, never silent.
 */
final class FireAudit {

  private static final int CHUNK = 1_000;

  private FireAudit() {
  }

  static Future<Integer> run(RedisConnection master, QueueKeys keys, List<String> ids, QueueMarker marker) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<Future<List<String>>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      List<Request> exists = chunk.stream().map(id -> Request.cmd(Command.EXISTS).arg(keys.task(id))).toList();
      chunks.add(master.batch(exists).map(replies -> {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
          Response r = replies.get(i);
          if (r == null || r.toLong() == 0L) {
            missing.add(chunk.get(i));
          }
        }
        return missing;
      }));
    }
    return Future.all(chunks).map(all -> {
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        missing.addAll(chunks.get(i).result());
      }
      if (!missing.isEmpty()) {
        marker.lostTasks(missing, "the new master after a failover lacks " + missing.size() + " of the "
          + ids.size() + " task(s) this node stored in the " + RecentFires.KEEP_MS / 1000 + " s before");
      }
      return missing.size();
    });
  }
}
