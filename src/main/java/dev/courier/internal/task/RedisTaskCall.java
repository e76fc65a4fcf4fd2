package dev.courier.internal.task;

import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskReceipt;


import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.context.CallContext;
import dev.courier.api.ModelMapper;
import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import io.vertx.core.Future;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One call of one task, with an optional per-call delay or due time; {@link #fire} enqueues it, {@link #fireAll}
 * enqueues many calls of it at once.
 */
final class RedisTaskCall implements TaskCall {

  private final TaskDefinition task;
  private final Queues queues;
  private final EnvelopeSigner signer;
  private final int maxPayloadBytes;
  private final Clock clock;
  private Duration delay;
  private Instant dueAt;

  RedisTaskCall(TaskDefinition task, Queues queues, EnvelopeSigner signer, int maxPayloadBytes, Clock clock) {
    this.task = task;
    this.queues = queues;
    this.signer = signer;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
    this.delay = task.delay();
  }

  /** Runs the task no sooner than {@code delay} from now (overrides the declared default). */
  @Override
  public TaskCall delay(Duration delay) {
    Objects.requireNonNull(delay, "'delay' cannot be null");
    if (delay.isNegative()) {
      throw TaskArgumentException.badDeclaration(task.name(), "cannot be delayed by a negative duration");
    }
    this.delay = delay;
    this.dueAt = null;
    return this;
  }

  /** Runs the task no sooner than {@code dueAt}. */
  @Override
  public TaskCall at(Instant dueAt) {
    this.dueAt = Objects.requireNonNull(dueAt, "'dueAt' cannot be null");
    return this;
  }

  /**
   * Checks {@code args}, seals the envelope and enqueues it. Fires made at the same time on this node share script
   * calls to Redis, so many fires in flight cost little more than one.
   *
   * @throws TaskArgumentException at once, with nothing enqueued, if an argument does not fit its parameter
   */
  @Override
  public Future<TaskReceipt> fire(Object... args) {
    NewTask stored = seal(args == null ? new Object[] {null} : args, clock.millis(), CallContext.find().orElse(null));
    return enqueue(List.of(stored)).map(ok -> receipt(stored));
  }

  /**
   * Fires the task once per element of {@code calls}, each element being the arguments of one call (as {@link #fire}
   * takes them), all with this call's delay or due time, in one round trip to Redis. Every call is checked and sealed
   * before anything is sent, so a bad argument anywhere enqueues none of them. Up to 1,000 tasks are stored
   * atomically; a longer list is stored in parts of 1,000, each atomic (if Redis fails mid-way the future fails and
   * some parts may be stored).
   *
   * @return the receipts, in the order of {@code calls}
   * @throws TaskArgumentException at once, with nothing enqueued, naming the call (0-based) and the parameter
   */
  @Override
  public Future<List<TaskReceipt>> fireAll(List<? extends List<?>> calls) {
    Objects.requireNonNull(calls, "'calls' cannot be null");
    long now = clock.millis();
    CallContext caller = CallContext.find().orElse(null);
    List<NewTask> stored = new ArrayList<>(calls.size());
    int index = 0;
    for (List<?> call : calls) {
      Objects.requireNonNull(call, "'calls' cannot contain null (call " + index + ")");
      try {
        stored.add(seal(call.toArray(), now, caller));
      } catch (TaskArgumentException e) {
        throw TaskArgumentException.inCall(index, calls.size(), e);
      }
      index++;
    }
    return enqueue(stored).map(ok -> {
      List<TaskReceipt> receipts = new ArrayList<>(stored.size());
      stored.forEach(t -> receipts.add(receipt(t)));
      return receipts;
    });
  }

  private Future<Void> enqueue(List<NewTask> stored) {
    Future<RedisQueue> queue = queues.get(task.queue());
    // once open, call it right here: compose would run on the context that opened the queue, not on the caller's
    return queue.succeeded() ? queue.result().enqueueAll(stored) : queue.compose(q -> q.enqueueAll(stored));
  }

  private NewTask seal(Object[] args, long now, CallContext caller) {
    String argsJson = encode(args);
    long due = Math.max(now, dueAt != null ? dueAt.toEpochMilli() : now + delay.toMillis());
    // args travel as the JSON text just checked for size, not as a tree (see EnvelopeJson)
    Envelope envelope = new Envelope(UlidCreator.getMonotonicUlid().toString(), task.name(), task.queue(), null,
      caller == null || caller.principal() == null ? null : caller.principal().toJson(),
      caller == null ? null : caller.requestId(), now, due, 1, task.maxAttempts(), task.timeout().toMillis());
    return new NewTask(envelope.id(), task.name(), caller == null ? null : caller.subject(),
      signer.seal(envelope, argsJson), now, due, task.maxAttempts());
  }

  private static TaskReceipt receipt(NewTask stored) {
    return new TaskReceipt(stored.id(), Instant.ofEpochMilli(stored.dueAtMs()));
  }

  /** @return the arguments as a JSON array text, checked against the parameters and the size limit */
  private String encode(Object[] args) {
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
