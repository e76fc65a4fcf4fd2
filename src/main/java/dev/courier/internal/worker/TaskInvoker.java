package dev.courier.internal.worker;

import dev.courier.internal.context.CallContextSlot;

import dev.courier.context.Principal;
import dev.courier.context.CallContext;
import dev.courier.internal.task.Envelope;
import dev.courier.internal.task.TaskDefinition;
import dev.courier.internal.trace.SpanHandle;
import dev.courier.internal.trace.Spans;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.ContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls a task's method in the context its endpoint had: a fresh duplicated Vert.x context carrying the envelope's
 * principal, request id and trace. {@code Future} methods run on an event loop; blocking ones on the node's own task pool
 * (sized {@code tasks.concurrency}), never on the pool that request handling uses. The timeout clock starts when the
 * body starts ({@link Deadlines}, on a thread of its own, so a {@code Future} body that blocks its event loop is still
 * timed out); at the timeout the attempt fails and a blocking body is interrupted. A body that ignores the interrupt
 * keeps its thread until it returns ({@link Invocation#released}); a result that comes after the timeout is ignored.
 */
final class TaskInvoker {

  private static final Logger LOG = LoggerFactory.getLogger(TaskInvoker.class);
  private static final CallContextSlot.Binder BINDER = CallContextSlot.binder();

  private final WorkerExecutor blockingPool;
  private final Deadlines deadlines;

  TaskInvoker(WorkerExecutor blockingPool, Deadlines deadlines) {
    this.blockingPool = blockingPool;
    this.deadlines = deadlines;
  }

  /** @return the node's table of armed timeouts (overran bodies' graces are armed there too) */
  Deadlines deadlines() {
    return deadlines;
  }

  /**
   * Starts the body on {@code context} (a fresh duplicated context) in the attempt's {@code span}; {@code home} is
   * where the invocation's futures call back, whichever thread decides them.
   */
  Invocation invoke(TaskDefinition task, Envelope envelope, Object[] args, int attempt, SpanHandle span,
                    ContextInternal context, ContextInternal home) {
    Principal principal = envelope.principal() == null ? null : Principal.fromJson(envelope.principal());
    BINDER.bind(context, new CallContext(principal, envelope.requestId(), envelope.id(), attempt,
      span.context().traceId()));
    Spans.bind(BINDER, context, span); // tasks fired by this one are children of this attempt
    Promise<Object> outcome = home.promise();
    StartGate gate = new StartGate(outcome);
    if (task.onEventLoop()) {
      // emit: from the home loop it hands the body to its lane's thread (never runs it on home); called on that
      // lane's own thread it runs the body at once
      context.emit(null, v -> {
        if (gate.open()) {
          runOnEventLoop(task, envelope, args, outcome);
        }
      });
      return new Invocation(outcome.future(), null, gate::cancel); // no thread held: the body is over with its outcome
    }
    BlockingBody body = new BlockingBody(task, envelope, args, outcome, gate);
    Promise<Void> released = home.promise();
    context.emit(null, v -> blockingPool.executeBlocking(body, false).onComplete(done -> released.complete()));
    return new Invocation(outcome.future(), released.future(), gate::cancel);
  }

  /**
   * Decides, once, whether a body starts or is cancelled first (a node that began to stop): a body never starts after
   * its attempt was cancelled, and a started one is never cancelled.
   */
  private static final class StartGate {
    private final AtomicBoolean decided = new AtomicBoolean();
    private final Promise<Object> outcome;

    StartGate(Promise<Object> outcome) {
      this.outcome = outcome;
    }

    boolean open() {
      return decided.compareAndSet(false, true);
    }

    boolean cancel() {
      if (decided.compareAndSet(false, true)) {
        outcome.tryFail(new Cancelled());
        return true;
      }
      return false;
    }
  }

  private void runOnEventLoop(TaskDefinition task, Envelope envelope, Object[] args, Promise<Object> outcome) {
    Deadlines.Deadline deadline = deadlines.arm(Math.max(1, envelope.timeoutMs()),
      () -> outcome.tryFail(timedOut(task, envelope)));
    Future<Object> result;
    try {
      Object returned = call(task, args);
      result = returned == null ? Future.failedFuture("task '" + task.name() + "' returned a null Future")
        : ((Future<?>) returned).map(r -> r);
    } catch (Exception e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      deadline.disarm();
      boolean decided = ar.succeeded() ? outcome.tryComplete(ar.result()) : outcome.tryFail(ar.cause());
      if (!decided) {
        LOG.info("task {} {} finished after its attempt had timed out ({}); that late result is ignored",
          task.name(), envelope.id(), ar.succeeded() ? "succeeded" : ar.cause().getMessage());
      }
    });
  }

  private TimeoutException timedOut(TaskDefinition task, Envelope envelope) {
    return new TimeoutException("task '" + task.name() + "' timed out after " + envelope.timeoutMs() + " ms");
  }

  private static Object call(TaskDefinition task, Object[] args) throws Exception {
    try {
      return task.method().invoke(task.bean(), args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
    }
  }

  /**
   * A blocking body on the task pool. It starts only if its attempt is still open (not cancelled by a stopping node);
   * its timeout is armed when it starts, and interrupts the thread only while the body still runs on it.
   */
  private final class BlockingBody implements java.util.concurrent.Callable<Void> {
    private final TaskDefinition task;
    private final Envelope envelope;
    private final Object[] args;
    private final Promise<Object> outcome;
    private final StartGate gate;
    private Thread runner;

    BlockingBody(TaskDefinition task, Envelope envelope, Object[] args, Promise<Object> outcome, StartGate gate) {
      this.task = task;
      this.envelope = envelope;
      this.args = args;
      this.outcome = outcome;
      this.gate = gate;
    }

    @Override
    public Void call() {
      if (!gate.open()) {
        return null; // cancelled before a thread took it: the attempt is over, the body must not run
      }
      synchronized (this) {
        runner = Thread.currentThread();
      }
      Deadlines.Deadline deadline = deadlines.arm(Math.max(1, envelope.timeoutMs()), () -> {
        if (outcome.tryFail(timedOut(task, envelope))) {
          interruptIfRunning();
        }
      });
      try {
        Object result = TaskInvoker.call(task, args);
        if (!outcome.tryComplete(result)) {
          LOG.info("task {} {} finished after its attempt had timed out; that late result is ignored",
            task.name(), envelope.id());
        }
      } catch (Exception e) {
        if (!outcome.tryFail(e)) {
          LOG.info("task {} {} failed after its attempt had timed out ({}); that late failure is ignored",
            task.name(), envelope.id(), e.toString());
        }
      } finally {
        deadline.disarm();
        synchronized (this) {
          runner = null;
          Thread.interrupted(); // an interrupt meant for this body must not reach the pool's next task
        }
      }
      return null;
    }

    private synchronized void interruptIfRunning() {
      if (runner != null) {
        runner.interrupt();
      }
    }
  }

  /** The attempt of a body that never started, because its node is stopping: handed back, not failed. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("cancelled before it started: the node is stopping", null, false, false);
    }
  }
}
