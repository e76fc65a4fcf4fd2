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
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Takes one started delivery through its run: verify the envelope before anything else, invoke with the lease held
 * by the {@link LeaseRenewer}, then exactly one of {@code complete} (batched, with the body's result if the task
 * declares one: {@link TaskResults}), {@code retry} (backoff), {@code bury}
 * (refused by {@link Admission}: invalid or tampered envelope, arguments that no longer fit, an unknown task after its
 * grace; {@link NoRetry}; attempts exhausted; a body stuck past its timeout) or {@code release} (never started: the
 * node is stopping). An unknown task waits for a node that knows it ({@link UnknownTaskGrace}). Each attempt is an
 * {@link Attempt}: a span, and a line when its outcome is recorded. An envelope signed with a key this node does not
 * hold is left for a node that holds it ({@link KeyMismatch}). A blocking body that timed out but still holds its
 * thread keeps its lease, and its outcome waits for the thread ({@link Overruns}), so its retry never runs beside it.
 * Outcomes are written by the {@link OutcomeWriter}: a failed write is tried again, and an outcome that another
 * delivery overtook is logged with its cause and counted, never dropped silently.
 */
final class TaskRunner implements Dispatcher.Runner {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final WorkerResources resources;
  private final TaskInvoker invoker;
  private final Lanes lanes;
  private final LeaseRenewer renewer;
  private final WorkerStats stats;
  private final TaskResults results;
  private final TaskMeters meters;
  private final KeyMismatch keyMismatch;
  private final Admission admission;
  private final UnknownTaskGrace unknownTasks;
  private final ClaimBurials claimBurials;
  private final OutcomeWriter writer;
  private final Overruns overruns;

  TaskRunner(WorkerResources resources, TaskInvoker invoker, Lanes lanes, LeaseRenewer renewer,
             Completions completions, WorkerStats stats, KeyMismatch keyMismatch) {
    this.resources = resources;
    this.invoker = invoker;
    this.lanes = lanes;
    this.renewer = renewer;
    this.stats = stats;
    this.writer = new OutcomeWriter(resources, lanes, renewer, completions, stats, new WriteRetry());
    this.overruns = new Overruns(resources.config().concurrency(), resources.health(), invoker.deadlines());
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

  /**
   * Called on the home context; every callback of the returned run comes back to it. The run counts as running
   * ({@link WorkerStats#running}) until it is done.
   */
  @Override
  public Run run(WorkQueue queue, Started started) {
    stats.runStarted();
    Run run = start(queue, started);
    run.done().onComplete(v -> stats.runEnded());
    return run;
  }

  private Run start(WorkQueue queue, Started started) {
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
      return Run.withoutBody(writer.bury(new Delivery(queue, claim, refused.label(), started.attempt(), null,
        System.currentTimeMillis(), false), refused.reason(), refused.why()));
    }
    Admission.Admitted admitted = (Admission.Admitted) verdict;
    Envelope envelope = admitted.envelope();
    TaskDefinition task = admitted.task();
    Attempt attempt = Attempt.start(resources.tracing(), envelope, started.attempt(),
      resources.config().logOutcomes());
    renewer.hold(queue, claim.entryId());
    Delivery delivery = new Delivery(queue, claim, task.name(), started.attempt(), attempt,
      System.currentTimeMillis(), true);
    meters.started(task.name(), queueName, now() - envelope.dueAt(),
      envelope.attempt() > 1 || envelope.dueAt() > envelope.enqueuedAt());
    long began = System.nanoTime();
    var home = lanes.home();
    Invocation invocation;
    try {
      invocation = invoker.invoke(task, envelope, admitted.args(), started.attempt(), attempt.span(),
        lanes.nextRunContext(), home);
    } catch (RuntimeException e) {
      return Run.withoutBody(writer.failed(delivery, envelope, e));
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
      if (!(outcome.cause() instanceof TaskInvoker.Cancelled)) { // (a body cancelled before it began did not run)
        meters.ran(task.name(), queueName, System.nanoTime() - began);
      }
      if (invocation.released() == null) {
        pending[1] = false;
        slot.tryComplete();
      }
      record(delivery, envelope, task, invocation, outcome).onComplete(v -> {
        pending[0] = false;
        finish.run();
      });
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

  /**
   * Writes the outcome of a body that is over. A blocking body that timed out but still holds its thread is waited
   * for first ({@link Overruns}), its lease renewed: its retry must not run beside it.
   */
  private Future<Void> record(Delivery d, Envelope envelope, TaskDefinition task, Invocation invocation,
                              AsyncResult<Object> outcome) {
    if (outcome.succeeded()) {
      return writer.succeeded(d, results.completion(d.claim(), task, outcome.result()));
    }
    if (outcome.cause() instanceof TaskInvoker.Cancelled) {
      renewer.drop(d.queue(), d.claim().entryId());
      d.attempt().handedBack();
      return d.queue().release(List.of(d.claim())).onSuccess(stats::handedBack).<Void>mapEmpty()
        .otherwise(err -> {
          LOG.warn("task {} {} could not be handed back ({}); it stays leased and will be redelivered", d.task(),
            d.claim().taskId(), err.getMessage());
          return null;
        });
    }
    Future<Void> released = invocation.released();
    if (outcome.cause() instanceof TimeoutException && released != null && !released.isComplete()) {
      long graceMs = Math.max(1, envelope.timeoutMs());
      return overruns.await(released, graceMs, lanes.home()).compose(freed -> freed
        ? writer.failed(d, envelope, outcome.cause())
        : stuck(d, outcome.cause(), graceMs));
    }
    return writer.failed(d, envelope, outcome.cause());
  }

  /** Gives up on a body that ignored its interrupt: its task is buried, its thread stays held until it returns. */
  private Future<Void> stuck(Delivery d, Throwable timeout, long graceMs) {
    stats.recordStuck();
    String reason = "its body ignored the interrupt and still held its thread " + seconds(graceMs)
      + " s after its timeout (" + timeout.getMessage() + ")";
    LOG.atError().addKeyValue("task_id", d.claim().taskId()).addKeyValue("queue", d.queue().keys().queue())
      .log("task {} {} is buried: {}; its thread stays taken until the body returns, and so does its slot", d.task(),
        d.claim().taskId(), reason);
    return writer.bury(d, reason, DeadReason.STUCK);
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
  }

  private long now() {
    return resources.clock().millis();
  }
}
