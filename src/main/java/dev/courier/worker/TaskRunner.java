package dev.courier.worker;

import dev.courier.queue.Claim;
import dev.courier.queue.RedisQueue;
import dev.courier.queue.Started;
import dev.courier.task.Envelope;
import dev.courier.task.EnvelopeSigner.EnvelopeRejected;
import dev.courier.task.NoRetry;
import dev.courier.task.TaskDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed entry through its run: {@code start} (attempt counted), verify the envelope before anything else,
 * invoke with the lease renewed meanwhile, then exactly one of {@code complete}, {@code retry} (backoff) or
 * {@code bury} (invalid envelope, unknown task, {@link NoRetry}, attempts exhausted).
 */
final class TaskRunner {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final Vertx vertx;
  private final WorkerResources resources;
  private final TaskInvoker invoker;
  private final RetryPolicy retry;

  TaskRunner(Vertx vertx, WorkerResources resources) {
    this.vertx = vertx;
    this.resources = resources;
    this.invoker = new TaskInvoker(vertx);
    this.retry = new RetryPolicy(resources.config().backoffBaseMillis(), resources.config().backoffMaxMillis());
  }

  Future<Void> run(RedisQueue queue, String consumer, Claim claim) {
    return queue.start(claim, now(), retentionMs())
      .compose(started -> started == null ? Future.succeededFuture() : verifyAndRun(queue, consumer, claim, started));
  }

  private Future<Void> verifyAndRun(RedisQueue queue, String consumer, Claim claim, Started started) {
    Envelope envelope;
    TaskDefinition task;
    Object[] args;
    try {
      envelope = resources.signer().open(started.envelope());
      if (!envelope.id().equals(started.taskId())) {
        throw new EnvelopeRejected("envelope of task " + envelope.id() + " found under task " + started.taskId());
      }
      task = resources.registry().find(envelope.task())
        .orElseThrow(() -> new EnvelopeRejected("unknown task '" + envelope.task() + "' on this node"));
      args = TaskInvoker.decode(task, envelope);
      if (started.attempt() > started.maxAttempts()) {
        throw new NoRetry("attempt " + started.attempt() + " of " + started.maxAttempts()
          + ": earlier runs were lost with their workers");
      }
    } catch (EnvelopeRejected | NoRetry rejected) {
      LOG.warn("task {} rejected: {}", started.taskId(), rejected.getMessage());
      return queue.bury(claim, rejected.getMessage(), now(), retentionMs()).mapEmpty();
    }
    long lease = resources.config().leaseSeconds() * 1000L;
    // a renewal may still be on its way when the run ends and complete acks the entry: that one is not a lost lease
    boolean[] ended = {false};
    long renewal = vertx.setPeriodic(Math.max(1000, lease / 3), t -> queue.renew(consumer, claim)
      .onSuccess(held -> {
        if (!held && !ended[0]) {
          LOG.warn("task {} lost its lease; another worker may run it again", claim.taskId());
        }
      }));
    return invoker.invoke(task, envelope, args, started.attempt())
      .transform(outcome -> {
        ended[0] = true;
        vertx.cancelTimer(renewal);
        return outcome.succeeded()
          ? queue.complete(claim, now(), retentionMs()).mapEmpty()
          : failed(queue, claim, started, envelope, outcome.cause());
      });
  }

  private Future<Void> failed(RedisQueue queue, Claim claim, Started started, Envelope envelope, Throwable cause) {
    String error = describe(cause);
    LOG.atWarn().addKeyValue("task_id", claim.taskId()).addKeyValue("attempt", started.attempt())
      .log("task {} failed: {}", envelope.task(), error);
    if (cause instanceof NoRetry) {
      return queue.bury(claim, error, now(), retentionMs()).mapEmpty();
    }
    if (started.attempt() >= started.maxAttempts()) {
      return queue.bury(claim, "failed after " + started.attempt() + " attempt(s): " + error, now(), retentionMs())
        .mapEmpty();
    }
    long due = now() + retry.backoff(started.attempt());
    String sealed = resources.signer().seal(envelope.nextAttempt(due));
    return queue.retry(claim, sealed, due, error, now()).mapEmpty();
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
}
