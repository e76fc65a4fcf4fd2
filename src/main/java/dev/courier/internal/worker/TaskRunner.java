package dev.courier.internal.worker;

import dev.courier.internal.metrics.DeadReason;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Buried;
import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.WorkQueue;
import dev.courier.internal.queue.Started;
import dev.courier.internal.task.Envelope;
import dev.courier.task.NoRetry;
import dev.courier.internal.task.TaskDefinition;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Takes one started delivery through its run: verify the envelope before anything else, invoke with the lease held
 * by the {@link LeaseRenewer}, then exactly one of {@code complete} (batched, with the body's result if the task
 * declares one: {@link TaskResults}), {@code retry} (backoff), {@code bury}
 * (refused by {@link Admission}: invalid or tampered envelope, arguments that no longer fit, an unknown task after its
 * grace; {@link NoRetry}; attempts exhausted) or {@code release} (never started: the node is stopping). An unknown
 * task waits for a node that knows it ({@link UnknownTaskGrace}). Each attempt is an {@link Attempt}: a span, and a line when its outcome is recorded. An envelope
 * signed with a key this node does not hold is left for a node that holds it ({@link KeyMismatch}). An outcome that
 * another delivery overtook is logged and counted, never dropped silently.
 */
final class TaskRunner implements Dispatcher.Runner {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final WorkerResources resources;
  private final TaskInvoker invoker;
  private final Lanes lanes;
  private final LeaseRenewer renewer;
  private final Completions completions;
  private final WorkerStats stats;
  private final RetryPolicy retry;
  private final TaskResults results;
  private final TaskMeters meters;
  private final KeyMismatch keyMismatch;
  private final Admission admission;
  private final UnknownTaskGrace unknownTasks;
  private final ClaimBurials claimBurials;

  TaskRunner(WorkerResources resources, TaskInvoker invoker, Lanes lanes, LeaseRenewer renewer,
             Completions completions, WorkerStats stats, KeyMismatch keyMismatch) {
    this.resources = resources;
    this.invoker = invoker;
    this.lanes = lanes;
    this.renewer = renewer;
    this.completions = completions;
    this.stats = stats;
    this.retry = new RetryPolicy(resources.config().backoffBaseMillis(), resources.config().backoffMaxMillis());
    this.results = new TaskResults(resources.config().maxResultBytes());
    this.meters = resources.meters();
    this.keyMismatch = keyMismatch;
    this.admission = new Admission(resources.signer(), resources.registry());
    this.unknownTasks = new UnknownTaskGrace(resources.config().unknownTaskGraceSeconds(), resources.clock());
    this.claimBurials = new ClaimBurials(stats, meters);
  }

  /** Accounts for what a claim of {@code queue} buried without starting it (logged and counted by reason). */
  @Override
  public void buriedByClaim(String queue, List<Buried> buried) {
    if (!buried.isEmpty()) {
      claimBurials.record(queue, buried);
    }
  }

  /**
   * One run in progress.
   *
   * @param bodyDone completes when the body's attempt is decided and it holds no thread: its slot is free again
   * @param done     completes when, in addition, its outcome is written (or could not be)
   * @param cancel   stops a body that has not started (a stopping node); true when it never will
   * @param leftForAnotherNode true when the task was not run because this node does not hold its signing key
   */
  record Run(Future<Void> bodyDone, Future<Void> done, java.util.function.BooleanSupplier cancel,
             boolean leftForAnotherNode) {

    static Run withoutBody(Future<Void> done) {
      return new Run(done, done, () -> false, false);
    }

    static Run leftBehind(Future<Void> done) {
      return new Run(done, done, () -> false, true);
    }
  }

  /** Called on the home context; every callback of the returned run comes back to it. */
  @Override
  public Run run(WorkQueue queue, Started started) {
    Claim claim = started.claim();
    String queueName = queue.keys().queue();
    Admission.Verdict verdict = admission.check(queueName, started);
    if (verdict instanceof Admission.UnheldKey unheld) {
      return Run.leftBehind(keyMismatch.leave(queue, claim, unheld.keyId()));
    }
    if (verdict instanceof Admission.UnknownTask unknown) {
      if (unknownTasks.holds(unknown.envelope())) {
        return Run.withoutBody(unknownTasks.waitFor(queue, claim, unknown.envelope()));
      }
      verdict = new Admission.Refused(unknownTasks.expired(unknown.envelope()), DeadReason.UNKNOWN_TASK,
        TaskMeters.UNKNOWN);
    }
    if (verdict instanceof Admission.Refused refused) {
      LOG.warn("task {} rejected: {}", started.taskId(), refused.reason());
      return Run.withoutBody(bury(queue, claim, refused.reason(), null, new Outcome(refused.label(), queueName),
        refused.why()));
    }
    Admission.Admitted admitted = (Admission.Admitted) verdict;
    Envelope envelope = admitted.envelope();
    TaskDefinition task = admitted.task();
    Object[] args = admitted.args();
    Attempt attempt = Attempt.start(resources.tracing(), envelope, started.attempt(),
      resources.config().logOutcomes());
    renewer.hold(queue, claim.entryId());
    Outcome counted = new Outcome(task.name(), queueName);
    meters.started(counted.task, queueName, now() - envelope.dueAt(),
      envelope.attempt() > 1 || envelope.dueAt() > envelope.enqueuedAt());
    long began = System.nanoTime();
    var home = lanes.home();
    Invocation invocation;
    try {
      invocation = invoker.invoke(task, envelope, args, started.attempt(), attempt.span(), lanes.nextRunContext(),
        home);
    } catch (RuntimeException e) {
      renewer.drop(queue, claim.entryId());
      return Run.withoutBody(failed(queue, started, envelope, attempt, e, counted));
    }
    // Plain callbacks, not a chain of futures: this runs once per task, and each combinator was an allocation, a
    // listener and more code for a fresh JVM to compile.
    Promise<Void> slot = home.promise();
    Promise<Void> done = home.promise();
    boolean[] pending = {true, true}; // outcome written, body released
    Runnable finish = () -> {
      if (!pending[0] && !pending[1]) {
        done.tryComplete();
      }
    };
    invocation.outcome().onComplete(outcome -> {
      attempt.bodyEnded();
      renewer.drop(queue, claim.entryId());
      if (!(outcome.cause() instanceof TaskInvoker.Cancelled)) { // (a body cancelled before it began did not run)
        meters.ran(counted.task, queueName, System.nanoTime() - began);
      }
      if (invocation.released() == null) {
        pending[1] = false;
        slot.tryComplete();
      }
      Handler<AsyncResult<Void>> written = ar -> {
        if (ar.failed()) {
          LOG.warn("the outcome of task {} {} could not be written ({}); it stays leased and will be redelivered",
            envelope.task(), envelope.id(), ar.cause().getMessage());
          attempt.unrecorded("the outcome could not be written: " + ar.cause().getMessage());
        }
        pending[0] = false;
        finish.run();
      };
      if (outcome.succeeded()) {
        completions.complete(queue, results.completion(claim, task, outcome.result()), owned -> {
          if (owned) {
            stats.recordSucceeded();
            meters.succeeded(counted.task, queueName);
            attempt.succeeded();
          } else {
            lost(envelope, attempt, "succeeded");
          }
          written.handle(Future.succeededFuture());
        }, err -> written.handle(Future.failedFuture(err)));
      } else if (outcome.cause() instanceof TaskInvoker.Cancelled) {
        attempt.handedBack();
        queue.release(List.of(claim)).onSuccess(stats::handedBack).<Void>mapEmpty().onComplete(written);
      } else {
        failed(queue, started, envelope, attempt, outcome.cause(), counted).onComplete(written);
      }
    });
    if (invocation.released() != null) {
      invocation.released().onComplete(v -> {
        pending[1] = false;
        slot.tryComplete();
        finish.run();
      });
    }
    return new Run(slot.future(), done.future(), invocation.cancel(), false);
  }

  /** A failed attempt: retried after a backoff, or buried (NoRetry, or its last attempt); its outcome line follows. */
  private Future<Void> failed(WorkQueue queue, Started started, Envelope envelope, Attempt attempt,
                              Throwable cause, Outcome counted) {
    String error = describe(cause);
    Claim claim = started.claim();
    if (cause instanceof NoRetry) {
      return bury(queue, claim, error, attempt, counted, DeadReason.NO_RETRY);
    }
    if (started.attempt() >= envelope.maxAttempts()) {
      return bury(queue, claim, "failed after " + started.attempt() + " attempt(s): " + error, attempt, counted,
        DeadReason.ATTEMPTS_EXHAUSTED);
    }
    long now = now();
    long due = now + retry.backoff(started.attempt());
    String sealed = resources.signer().seal(envelope.nextAttempt(due));
    return queue.retry(claim, sealed, due, error, now).map(owned -> {
      if (owned) {
        stats.recordRetried();
        meters.retried(counted.task, counted.queue);
        attempt.retrying(error, due, now);
      } else {
        lost(envelope, attempt, "retrying");
      }
      return null;
    });
  }

  /** @param attempt the attempt that ended so, or null for an envelope rejected before it could start one */
  private Future<Void> bury(WorkQueue queue, Claim claim, String reason, Attempt attempt, Outcome counted,
                            DeadReason why) {
    return queue.bury(claim, reason, now(), retentionMs()).map(owned -> {
      if (owned) {
        stats.recordDead();
        meters.dead(counted.task, counted.queue, why);
        if (attempt != null) {
          attempt.dead(reason);
        }
      } else {
        stats.lostOutcome();
        LOG.warn("task {} was to be buried ({}), but another delivery owns it now: that outcome is lost",
          claim.taskId(), reason);
        if (attempt != null) {
          attempt.unrecorded("another delivery owns the task");
        }
      }
      return null;
    });
  }

  private void lost(Envelope envelope, Attempt attempt, String outcome) {
    stats.lostOutcome();
    LOG.warn("task {} {} ended as '{}', but another delivery owns it now (its lease expired while it ran): that "
      + "outcome is lost and the other delivery decides", envelope.task(), envelope.id(), outcome);
    attempt.unrecorded("another delivery owns the task");
  }

  private static String describe(Throwable cause) {
    String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private long now() {
    return resources.clock().millis();
  }

  private long retentionMs() {
    return resources.config().retentionSeconds() * 1000L;
  }

  /** The labels an attempt's outcome is counted under. */
  private record Outcome(String task, String queue) {
  }
}
