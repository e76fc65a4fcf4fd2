package dev.courier.internal.launch;

import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.redis.MasterSwitchWatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * After each Sentinel master switch, looks up on the new master the tasks this node stored in the seconds before
 * ({@link RedisQueue#auditFires}); any it lacks are reported as lost. It waits {@value #SETTLE_MS} ms first, so that
 * the pool has moved to the new master (its topology cache) and fires still going to the old one have ended.
 */
final class FailoverAudit {

  private static final Logger LOG = LoggerFactory.getLogger(FailoverAudit.class);
  static final long SETTLE_MS = 1_500;
  private static final int TRIES = 10;

  private final Vertx vertx;
  private final Redis redis;
  private final Queues queues;
  private final MasterSwitchWatch switches;
  private boolean scheduled;

  FailoverAudit(Vertx vertx, Redis redis, Queues queues, MasterSwitchWatch switches) {
    this.vertx = vertx;
    this.redis = redis;
    this.queues = queues;
    this.switches = switches;
  }

  /** @return the handle that stops the audits */
  Runnable start() {
    return switches.onSwitch(vertx.getOrCreateContext(), () -> {
      if (!scheduled) { // the watch calls twice per switch; one audit covers both
        scheduled = true;
        vertx.setTimer(SETTLE_MS, t -> audit(1));
      }
    });
  }

  private void audit(int attempt) {
    // a connection checked to be on the master: right after the switch the pool may still name the old one
    switches.connect(redis).compose(conn -> {
      List<Future<Integer>> audits = new ArrayList<>();
      for (RedisQueue queue : queues.opened()) {
        audits.add(queue.auditFires(conn, 0));
      }
      return Future.join(audits).eventually(conn::close);
    }).onSuccess(v -> scheduled = false).onFailure(err -> {
      if (attempt < TRIES) {
        vertx.setTimer(500, t -> audit(attempt + 1));
      } else {
        scheduled = false;
        LOG.error("cannot check whether the failover lost tasks this node stored: {}", err.toString());
      }
    });
  }
}
