package dev.courier.internal.worker;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.WorkQueue;
import dev.courier.internal.task.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A task name this node does not know is, during a rolling deploy, most likely one a newer node knows: such a task
 * waits in {@code delayed} ({@link WorkQueue#defer}, a wait that doubles each time, capped) for
 * {@code tasks.unknownTaskGraceSeconds}, counted from its signed due time, and is buried as an unknown task only
 * after that. Waiting is no attempt: the deferral hands the attempt back, so the task's own retry budget is whole when
 * a node that knows it runs it. Home context only.
 */
final class UnknownTaskGrace {

  private static final Logger LOG = LoggerFactory.getLogger(UnknownTaskGrace.class);
  static final long FIRST_WAIT_MS = 1_000;
  static final long MAX_WAIT_MS = 30_000;

  private final long graceMs;
  private final Clock clock;
  private final Set<String> warned = new HashSet<>();

  UnknownTaskGrace(long graceSeconds, Clock clock) {
    this.graceMs = graceSeconds * 1000L;
    this.clock = clock;
  }

  /** @return whether {@code envelope}'s task may still wait for a node that knows it */
  boolean holds(Envelope envelope) {
    return clock.millis() < graceEnds(envelope);
  }

  /** The reason an unknown task is buried with once its grace is over. */
  String expired(Envelope envelope) {
    return "unknown task '" + envelope.task() + "' on this node, and no node that knows it took it within "
      + "tasks.unknownTaskGraceSeconds (" + graceMs / 1000 + " s)";
  }

  /** Puts the task back in {@code delayed} for a while, unstarted; completes once Redis has it back. */
  io.vertx.core.Future<Void> waitFor(WorkQueue queue, Claim claim, Envelope envelope) {
    long now = clock.millis();
    long left = Math.max(1, graceEnds(envelope) - now);
    if (warned.add(envelope.task())) { // once per name: a deploy may bring thousands of them
      LOG.atWarn().addKeyValue("task", envelope.task()).addKeyValue("task_id", claim.taskId())
        .addKeyValue("queue", queue.keys().queue())
        .log("task '{}' is not registered on this node: its tasks wait up to {} s after their due time for a node "
          + "that knows it (tasks.unknownTaskGraceSeconds), then they are dead", envelope.task(), graceMs / 1000);
    }
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() / 2;
    // waits past the grace's end by at most half a second, so the burial comes soon after it, in one more round
    long cap = left + 500;
    return queue.defer(claim, now, Math.min(FIRST_WAIT_MS, cap), Math.min(MAX_WAIT_MS, cap), jitter,
        "unknown task '" + envelope.task() + "' on the node that claimed it: waiting for a node that knows it")
      .onFailure(err -> LOG.warn("task {} could not be put back to wait for a node that knows '{}' ({}); it stays "
        + "leased and will be redelivered", claim.taskId(), envelope.task(), err.getMessage()))
      .mapEmpty();
  }

  private long graceEnds(Envelope envelope) {
    return envelope.dueAt() + graceMs;
  }
}
