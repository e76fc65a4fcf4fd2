package dev.courier.internal.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start-up when nothing keeps accepted tasks through a Redis restart or failover: no append-only file and
 * {@code redis.ackReplicas} 0. Managed Redis often disables {@code CONFIG}; then it says it could not tell.
 */
public final class PersistenceCheck {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceCheck.class);

  private PersistenceCheck() {
  }

  /** Not waited for by the node: it only logs. Completes with whether AOF is on (null: could not tell). */
  public static Future<Boolean> warnIfVolatile(Redis redis, int ackReplicas) {
    return redis.send(Request.cmd(Command.CONFIG).arg("GET").arg("appendonly"))
      .map(PersistenceCheck::appendOnly)
      .onSuccess(aof -> {
        if (aof != null && !aof && ackReplicas == 0) {
          LOG.warn("Redis has no append-only file (appendonly no) and redis.ackReplicas is 0: a Redis restart or "
            + "failover loses tasks already answered 202. Turn on appendonly (appendfsync everysec or always) or "
            + "set redis.ackReplicas");
        }
      })
      .recover(err -> {
        LOG.info("cannot read Redis's persistence settings (CONFIG GET refused: {}); make sure it keeps an "
          + "append-only file or set redis.ackReplicas", err.getMessage());
        return Future.succeededFuture(null);
      });
  }

  /** RESP3 answers a map {@code {appendonly: no}}, RESP2 a list {@code [appendonly, no]}. */
  private static Boolean appendOnly(Response r) {
    if (r == null || r.size() == 0) {
      return null;
    }
    Response value = r.containsKey("appendonly") ? r.get("appendonly") : r.size() > 1 ? r.get(1) : null;
    return value == null ? null : "yes".equalsIgnoreCase(value.toString());
  }
}
