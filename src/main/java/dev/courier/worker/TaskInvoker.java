package dev.courier.worker;

import dev.courier.auth.Principal;
import dev.courier.context.CallContext;
import dev.courier.json.ModelMapper;
import dev.courier.task.Envelope;
import dev.courier.task.NoRetry;
import dev.courier.task.TaskDefinition;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.concurrent.TimeoutException;

/**
 * Calls a task's method in the context its endpoint had: a fresh duplicated Vert.x context carrying the envelope's
 * principal and request id, on the event loop for {@code Future} methods, on a worker thread otherwise, bounded by the
 * task's timeout (a run past it counts as a failed attempt; a blocking body cannot be interrupted and finishes alone).
 */
final class TaskInvoker {

  private final Vertx vertx;

  TaskInvoker(Vertx vertx) {
    this.vertx = vertx;
  }

  /** @return the decoded arguments; throws {@link NoRetry} if they no longer fit the method. */
  static Object[] decode(TaskDefinition task, Envelope envelope) {
    Type[] types = task.method().getGenericParameterTypes();
    if (envelope.args().size() != types.length) {
      throw new NoRetry("task '" + task.name() + "' takes " + types.length + " argument(s), the envelope has "
        + envelope.args().size());
    }
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      try {
        args[i] = ModelMapper.convert(envelope.args().getValue(i), types[i]);
      } catch (IllegalArgumentException e) {
        throw new NoRetry("argument " + i + " of task '" + task.name() + "' no longer fits " + types[i].getTypeName());
      }
    }
    return args;
  }

  Future<Object> invoke(TaskDefinition task, Envelope envelope, Object[] args, int attempt) {
    // Internal API on purpose: a duplicated context per run is how Vert.x isolates context-local data per request.
    ContextInternal context = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    Principal principal = envelope.principal() == null ? null : Principal.fromJson(envelope.principal());
    CallContext.bind(context, new CallContext(principal, envelope.requestId(), envelope.id(), attempt));
    Promise<Object> outcome = context.promise();
    context.runOnContext(v -> {
      long timer = vertx.setTimer(Math.max(1, envelope.timeoutMs()), t -> outcome.tryFail(new TimeoutException(
        "task '" + task.name() + "' timed out after " + envelope.timeoutMs() + " ms")));
      run(task, args, context).onComplete(ar -> {
        vertx.cancelTimer(timer);
        if (ar.succeeded()) {
          outcome.tryComplete(ar.result());
        } else {
          outcome.tryFail(ar.cause());
        }
      });
    });
    return outcome.future();
  }

  private Future<Object> run(TaskDefinition task, Object[] args, ContextInternal context) {
    if (!task.onEventLoop()) {
      return context.executeBlocking(() -> call(task, args), false);
    }
    try {
      Object result = call(task, args);
      return result == null ? Future.failedFuture("task '" + task.name() + "' returned a null Future")
        : ((Future<?>) result).map(r -> r);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private static Object call(TaskDefinition task, Object[] args) throws Exception {
    try {
      return task.method().invoke(task.bean(), args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
    }
  }
}
