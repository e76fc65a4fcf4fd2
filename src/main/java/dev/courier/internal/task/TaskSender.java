package dev.courier.internal.task;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.api.ModelMapper;
import dev.courier.context.CallContext;
import dev.courier.context.Principal;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Enqueued;
import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.trace.SpanHandle;
import dev.courier.internal.trace.Spans;
import dev.courier.internal.trace.Tracing;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskReceipt;
import io.vertx.core.Future;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fires calls, whatever the form they were written in (by name or typed): checks the arguments against the task,
 * seals each envelope with the caller (the current request or task, or the principal fired on behalf of; of its claims
 * only {@code tasks.carryClaims}: {@link CarriedClaims}) and the span that fired it, and stores them in Redis. Shared
 * by every call of a node or client.
 *
 * <p>A keyed fire ({@code TaskCall.key}) carries its key to the enqueue script, which stores the task only if the key
 * (per task name and subject) names no task yet; the key lives {@code tasks.retentionSeconds} past the task's due
 * time, so a repeat that long after finds the first task.
 */
final class TaskSender {

  private final Queues queues;
  private final EnvelopeSigner signer;
  private final int maxPayloadBytes;
  private final Clock clock;
  private final Tracing tracing;
  private final TaskMeters meters;
  private final long keyRetentionMs;
  private final CarriedClaims carried;

  /** @param keyRetentionMs how long past its task's due time an idempotency key is remembered */
  TaskSender(Queues queues, EnvelopeSigner signer, int maxPayloadBytes, Clock clock, Tracing tracing,
             TaskMeters meters, long keyRetentionMs, CarriedClaims carried) {
    this.carried = carried;
    this.queues = queues;
    this.signer = signer;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
    this.tracing = tracing;
    this.meters = meters;
    this.keyRetentionMs = keyRetentionMs;
  }

  /** Fires one call made with {@code call}'s settings. */
  Future<TaskReceipt> fire(CallSettings call, Object[] args) {
    TaskDefinition task = call.task().definition();
    NewTask stored = seal(task, call.schedule(), args, clock.millis(), caller(call.onBehalfOf()), trace(task),
        call.key());
    return enqueue(task, List.of(stored)).map(enqueued -> receipt(stored, enqueued));
  }

  /** Checks and seals every call before anything is sent, so one bad argument enqueues none of them. */
  Future<List<TaskReceipt>> fireAll(CallSettings call, List<Object[]> calls) {
    TaskDefinition task = call.task().definition();
    if (call.key() != null) {
      throw TaskArgumentException.keyedFireAll(task.name());
    }
    long now = clock.millis();
    CallContext caller = caller(call.onBehalfOf());
    String trace = trace(task);
    List<NewTask> stored = new ArrayList<>(calls.size());
    for (int index = 0; index < calls.size(); index++) {
      try {
        stored.add(seal(task, call.schedule(), calls.get(index), now, caller, trace, null));
      } catch (TaskArgumentException e) {
        throw TaskArgumentException.inCall(index, calls.size(), e);
      }
    }
    return enqueue(task, stored).map(enqueued -> {
      List<TaskReceipt> receipts = new ArrayList<>(stored.size());
      stored.forEach(t -> receipts.add(receipt(t, enqueued)));
      return receipts;
    });
  }

  /** The request id stays the current one's, so a task fired on behalf of someone is still traced to its request. */
  private static CallContext caller(Principal onBehalfOf) {
    CallContext current = CallContext.find().orElse(null);
    if (onBehalfOf == null) {
      return current;
    }
    return new CallContext(onBehalfOf, current == null ? null : current.requestId(), null, 0,
      current == null ? null : current.traceId());
  }

  /**
   * The {@code traceparent} the envelope carries: the current request's or attempt's span, parent of every attempt of
   * the task; outside of one, a new trace.
   */
  private String trace(TaskDefinition task) {
    SpanHandle span = Spans.current();
    return (span != null ? span.context() : tracing.fire(task.name())).header();
  }

  private Future<Enqueued> enqueue(TaskDefinition task, List<NewTask> stored) {
    // Queues.get answers on this caller's context: the request goes on with its own call context and trace
    Future<Enqueued> enqueued = queues.get(task.queue()).compose(queue -> queue.enqueueAll(stored));
    // a repeat enqueued nothing, so it is not counted as fired
    return enqueued.onSuccess(e -> meters.fired(task.name(), task.queue(), stored.size() - e.repeats().size()));
  }

  private NewTask seal(TaskDefinition task, Schedule schedule, Object[] args, long now, CallContext caller,
                       String traceparent, String key) {
    Objects.requireNonNull(args, "'args' cannot be null");
    String argsJson = encode(task, args);
    long due = schedule.dueMs(task, now);
    // args travel as the JSON text just checked for size, not as a tree (see EnvelopeJson)
    Envelope envelope = new Envelope(UlidCreator.getMonotonicUlid().toString(), task.name(), task.queue(), null,
      caller == null || caller.principal() == null ? null : carried.of(caller.principal()),
      caller == null ? null : caller.requestId(), now, due, 1, task.maxAttempts(), task.timeout().toMillis(),
      traceparent);
    return new NewTask(envelope.id(), task.name(), caller == null ? null : caller.subject(),
      signer.seal(envelope, argsJson), now, due, task.maxAttempts(), key, due - now + keyRetentionMs);
  }

  /** A repeat answers the first task; its due time, unless its hash is gone (then this call's). */
  private static TaskReceipt receipt(NewTask stored, Enqueued enqueued) {
    Enqueued.Earlier earlier = enqueued.earlierOf(stored.id());
    if (earlier == null) {
      return new TaskReceipt(stored.id(), Instant.ofEpochMilli(stored.dueAtMs()));
    }
    long due = earlier.dueAtMs() < 0 ? stored.dueAtMs() : earlier.dueAtMs();
    return new TaskReceipt(earlier.taskId(), Instant.ofEpochMilli(due), true);
  }

  /** @return the arguments as a JSON array text, checked against the parameters and the size limit */
  private String encode(TaskDefinition task, Object[] args) {
    Type[] types = task.parameterTypes();
    if (args.length != types.length) {
      throw TaskArgumentException.wrongCount(task.name(), types.length, args.length);
    }
    for (int i = 0; i < args.length; i++) {
      String misfit = CarryableTypes.misfit(args[i], types[i]);
      if (misfit != null) {
        throw TaskArgumentException.badValue(task.name(), task.parameterName(i), types[i], args[i], misfit);
      }
    }
    String scalars = EnvelopeJson.scalars(args);
    String json = scalars != null ? scalars : ModelMapper.write(Arrays.asList(args));
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxPayloadBytes) {
      throw TaskArgumentException.tooLarge(task.name(), bytes, maxPayloadBytes);
    }
    return json;
  }
}
