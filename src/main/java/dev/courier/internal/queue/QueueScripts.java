package dev.courier.internal.queue;

import dev.courier.task.TaskNotDurableException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Loads every {@link QueueScript} once with {@code SCRIPT LOAD} and runs them with {@code EVALSHA}. Redis loses its
 * script cache on restart or {@code SCRIPT FLUSH} (and each Cluster node has its own): on {@code NOSCRIPT} the call
 * falls back to {@code EVAL}, which also caches the script again, so the next {@code EVALSHA} hits.
 */
final class QueueScripts {

  private final Redis redis;
  private final Map<QueueScript, String> shas;

  private QueueScripts(Redis redis, Map<QueueScript, String> shas) {
    this.redis = redis;
    this.shas = shas;
  }

  static Future<QueueScripts> load(Redis redis) {
    Map<QueueScript, String> shas = new EnumMap<>(QueueScript.class);
    List<Future<?>> loads = new ArrayList<>();
    for (QueueScript s : QueueScript.values()) {
      loads.add(redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(s.source()))
          .recover(err -> Future.failedFuture(QueueException.loadFailed(s.transition(), err)))
          .onSuccess(sha -> {
            synchronized (shas) {
              shas.put(s, sha.toString());
            }
          }));
    }
    return Future.all(loads).map(done -> new QueueScripts(redis, shas));
  }

  /** Runs {@code script} with exactly {@code script.numKeys()} keys; Redis error replies become QueueException. */
  Future<Response> run(QueueScript script, List<String> keys, List<String> args) {
    if (keys.size() != script.numKeys()) {
      throw new IllegalArgumentException(script.transition() + " takes " + script.numKeys() + " keys, got " + keys);
    }
    return redis.send(command(Command.EVALSHA, shas.get(script), keys, args))
        .recover(err -> isNoScript(err)
            ? redis.send(command(Command.EVAL, script.source(), keys, args))
            : Future.failedFuture(err))
        .recover(err -> Future.failedFuture(QueueException.scriptFailed(script.transition(), err)));
  }

  /**
   * Runs {@code script} as {@link #run} does, then, when {@code ack} waits, {@code WAIT replicas timeout} on the SAME
   * connection (one pipeline: WAIT only counts the writes of its own connection). Too few confirmations fail with
   * {@link TaskNotDurableException} naming {@code taskIds}: the write is on the master, but not yet safe.
   */
  Future<Response> runAcknowledged(QueueScript script, List<String> keys, List<String> args, ReplicaAck ack,
                                   List<String> taskIds) {
    if (!ack.waits()) {
      return run(script, keys, args);
    }
    Request wait = Request.cmd(Command.WAIT).arg(ack.replicas()).arg(ack.timeoutMs());
    return redis.batch(List.of(command(Command.EVALSHA, shas.get(script), keys, args), wait))
        .recover(err -> isNoScript(err)
            ? redis.batch(List.of(command(Command.EVAL, script.source(), keys, args), wait))
            : Future.failedFuture(err))
        .recover(err -> Future.failedFuture(QueueException.scriptFailed(script.transition(), err)))
        .compose(replies -> {
          int confirmed = replies.get(1).toInteger();
          return confirmed >= ack.replicas() ? Future.succeededFuture(replies.get(0))
              : Future.failedFuture(new TaskNotDurableException(taskIds, confirmed, ack.replicas()));
        });
  }

  private static Request command(Command cmd, String scriptOrSha, List<String> keys, List<String> args) {
    Request req = Request.cmd(cmd).arg(scriptOrSha).arg(keys.size());
    keys.forEach(req::arg);
    args.forEach(req::arg);
    return req;
  }

  private static boolean isNoScript(Throwable err) {
    // a pipeline reports it as "ERR [0] NOSCRIPT ..."
    return err.getMessage() != null && err.getMessage().contains("NOSCRIPT");
  }
}
