package dev.courier.internal.worker;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Handles tasks whose envelope names a signing key this node does not hold: a node started with a foreign key, or one
 * that a key rotation has not reached yet. Such a task is not a forgery as far as this node can tell, so it is never
 * buried: it goes back to {@code delayed} unstarted, for a node that holds the key ({@link WorkQueue#defer}, waiting
 * a little longer each time so that no node spins on it). This node logs an ERROR naming the key id (never a key),
 * the first at once and then one a minute per key id with a count, and reports itself not ready until it has met
 * none for a minute. Runs on the node's home context only.
 */
final class KeyMismatch {

  private static final Logger LOG = LoggerFactory.getLogger(KeyMismatch.class);
  static final String HEALTH_NAME = "signing keys";
  static final long FIRST_WAIT_MS = 250;
  static final long MAX_WAIT_MS = 5_000;
  static final long NOT_READY_MS = 60_000;
  private static final long QUIET_MS = 60_000;

  private final Vertx vertx;
  private final WorkerHealth health;
  private final Clock clock;
  private final List<String> heldKeyIds;
  private final Map<String, Tally> byKeyId = new HashMap<>();
  private long lastMetAt;
  private boolean reported;

  KeyMismatch(Vertx vertx, WorkerHealth health, Clock clock, List<String> heldKeyIds) {
    this.vertx = vertx;
    this.health = health;
    this.clock = clock;
    this.heldKeyIds = List.copyOf(heldKeyIds);
  }

  /** Leaves the claimed task for a node that holds {@code keyId}; the future completes once Redis has it back. */
  Future<Void> leave(WorkQueue queue, Claim claim, String keyId) {
    long now = clock.millis();
    report(queue.keys().queue(), claim.taskId(), keyId, now);
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() / 2;
    return queue.defer(claim, now, FIRST_WAIT_MS, MAX_WAIT_MS, jitter, "signed with key id " + keyId
        + ", which the node that claimed it does not hold: waiting for a node that holds it")
      .onFailure(err -> LOG.warn("task {} could not be left for another node ({}); it stays leased and will be "
        + "redelivered", claim.taskId(), err.getMessage()))
      .mapEmpty();
  }

  private void report(String queue, String taskId, String keyId, long now) {
    lastMetAt = now;
    if (!reported) {
      reported = true;
      health.problem(HEALTH_NAME, "tasks are signed with key id " + keyId + ", which this node does not hold");
      vertx.setTimer(NOT_READY_MS, t -> clearIfQuiet());
    }
    Tally tally = byKeyId.computeIfAbsent(keyId, k -> new Tally());
    if (tally.loggedAt < 0 || now - tally.loggedAt >= QUIET_MS) {
      LOG.atError().addKeyValue("key_id", keyId).addKeyValue("task_id", taskId).addKeyValue("queue", queue)
        .addKeyValue("held_key_ids", heldKeyIds)
        .log("task {} is signed with key id {}, which this node does not hold (it holds {}): left for a node that "
          + "holds it, not run and not buried; give this node that key in tasks.signingKeys{}", taskId, keyId,
          heldKeyIds, tally.unlogged == 0 ? "" : " (" + tally.unlogged + " more such task(s) since the last line)");
      tally.loggedAt = now;
      tally.unlogged = 0;
    } else {
      tally.unlogged++;
    }
  }

  /** Ready again a minute after the last such task, not before: the next one may be on its way. */
  private void clearIfQuiet() {
    long quietFor = clock.millis() - lastMetAt;
    if (quietFor >= NOT_READY_MS) {
      reported = false;
      byKeyId.clear();
      health.ok(HEALTH_NAME);
      LOG.info("no task signed with a key this node does not hold for {} s: ready again", NOT_READY_MS / 1000);
    } else {
      vertx.setTimer(NOT_READY_MS - quietFor, t -> clearIfQuiet());
    }
  }

  private static final class Tally {
    long loggedAt = -1;
    int unlogged;
  }
}
