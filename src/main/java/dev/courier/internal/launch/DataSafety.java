package dev.courier.internal.launch;

import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.http.ReadinessCheck;
import dev.courier.internal.metrics.NodeMetrics;
import dev.courier.internal.queue.DataLossLog;
import dev.courier.internal.queue.LossWatch;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.ReplicaAck;
import dev.courier.internal.redis.MasterSwitchWatch;
import dev.courier.internal.redis.PersistenceCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;

import java.time.Clock;
import java.util.List;

/**
 * A node's guard of its Redis data: what a fire waits for ({@code redis.ackReplicas}), the record of data Redis lost
 * (logged, counted, shown in the health detail and the admin API), the checks that find such losses, and the
 * Sentinel master-switch watch that moves dedicated connections. One per node; {@link #close} after the Redis
 * clients' last use.
 */
final class DataSafety {

  private final Vertx vertx;
  private final CourierConfig config;
  private final DataLossLog losses;
  private final MasterSwitchWatch switches;
  private LossWatch lossWatch;
  private Runnable audits;

  private DataSafety(Vertx vertx, CourierConfig config, DataLossLog losses, MasterSwitchWatch switches) {
    this.vertx = vertx;
    this.config = config;
    this.losses = losses;
    this.switches = switches;
  }

  static DataSafety of(Vertx vertx, CourierConfig config, Clock clock) {
    return new DataSafety(vertx, config, new DataLossLog(config.redis().lossReportSeconds() * 1000L, clock::millis),
      MasterSwitchWatch.start(vertx, config.redis()));
  }

  static ReplicaAck replicaAck(CourierConfig config) {
    return new ReplicaAck(config.redis().ackReplicas(), config.redis().ackTimeoutMs());
  }

  /** The node's queues: fires wait for the configured replicas, and lost data is reported here. */
  Queues queues(Redis redis) {
    return new Queues(redis, config.tasks().prefix(), replicaAck(config), losses);
  }

  DataLossLog losses() {
    return losses;
  }

  MasterSwitchWatch switches() {
    return switches;
  }

  /** Warns (not waited for) when Redis keeps no append-only file and fires wait for no replica. */
  void warnIfVolatile(Redis redis) {
    PersistenceCheck.warnIfVolatile(redis, config.redis().ackReplicas());
  }

  /**
   * The {@code data} section of a ready answer: the losses reported for {@code redis.lossReportSeconds}. It fails
   * readiness while one is reported only when {@code redis.lossFailsReadiness}: every node finds a loss at once, and
   * failing them all would take every node out of service although each can serve (Redis answers again).
   */
  void addReadiness(List<ReadinessCheck> checks) {
    checks.add(new ReadinessCheck("data", config.redis().lossFailsReadiness() ? losses::probe : null, this::report));
  }

  /** The losses being reported, as the health detail and the admin API show them. */
  JsonObject report() {
    JsonArray shown = new JsonArray();
    losses.reported().forEach(loss -> shown.add(new JsonObject().put("queue", loss.queue())
      .put("at", loss.at().toString()).put("reason", loss.why()).put("known", loss.known())));
    return new JsonObject().put("status", shown.isEmpty() ? "ok" : "lost").put("losses", shown)
      .put("report_seconds", losses.reportMs() / 1000);
  }

  /** Once the node runs: the periodic marker checks, the audit after each master switch, the counters. */
  void start(Redis redis, Queues queues, List<String> queueNames, NodeMetrics metrics) {
    lossWatch = new LossWatch(vertx, queues, queueNames);
    lossWatch.start();
    audits = new FailoverAudit(vertx, redis, queues, switches).start();
    queueNames.forEach(queue -> metrics.countFrom("courier.queue.data.losses", "Times this node found that Redis "
      + "lost the queue's data (group or marker gone, or tasks missing after a failover)", queue,
      () -> losses.count(queue)));
    queueNames.forEach(queue -> metrics.countFrom("courier.tasks.lost", "Tasks this node stored that were missing "
      + "from Redis's new master after a failover", queue, () -> losses.lostTasks(queue)));
  }

  /** Stops the checks; first thing in a node's close, since they read from clients about to close. */
  void stopChecks() {
    if (lossWatch != null) {
      lossWatch.stop();
    }
    if (audits != null) {
      audits.run();
    }
  }

  Future<Void> close() {
    stopChecks();
    return switches.close();
  }
}
