package dev.courier.task;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.context.CallContext;
import dev.courier.json.ModelMapper;
import dev.courier.queue.NewTask;
import dev.courier.queue.Queues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** One call of one task, with an optional per-call delay or due time; {@link #fire} enqueues it. */
public final class TaskCall {

  private final TaskDefinition task;
  private final Queues queues;
  private final EnvelopeSigner signer;
  private final int maxPayloadBytes;
  private final Clock clock;
  private Duration delay;
  private Instant dueAt;

  TaskCall(TaskDefinition task, Queues queues, EnvelopeSigner signer, int maxPayloadBytes, Clock clock) {
    this.task = task;
    this.queues = queues;
    this.signer = signer;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
    this.delay = task.delay();
  }

  /** Runs the task no sooner than {@code delay} from now (overrides the declared default). */
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
  public TaskCall at(Instant dueAt) {
    this.dueAt = Objects.requireNonNull(dueAt, "'dueAt' cannot be null");
    return this;
  }

  /**
   * Checks {@code args}, seals the envelope and enqueues it.
   *
   * @throws TaskArgumentException at once, with nothing enqueued, if an argument does not fit its parameter
   */
  public Future<TaskReceipt> fire(Object... args) {
    JsonArray encoded = encode(args == null ? new Object[] {null} : args);
    long now = clock.millis();
    long due = Math.max(now, dueAt != null ? dueAt.toEpochMilli() : now + delay.toMillis());
    CallContext caller = CallContext.find().orElse(null);
    Envelope envelope = new Envelope(UlidCreator.getMonotonicUlid().toString(), task.name(), task.queue(), encoded,
      caller == null || caller.principal() == null ? null : caller.principal().toJson(),
      caller == null ? null : caller.requestId(), now, due, 1, task.maxAttempts(), task.timeout().toMillis());
    NewTask stored = new NewTask(envelope.id(), task.name(), caller == null ? null : caller.subject(),
      signer.seal(envelope), now, due, task.maxAttempts());
    return queues.get(task.queue())
      .compose(queue -> queue.enqueue(stored, now))
      .map(ok -> new TaskReceipt(envelope.id(), Instant.ofEpochMilli(due)));
  }

  private JsonArray encode(Object[] args) {
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
    String json = ModelMapper.write(Arrays.asList(args));
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxPayloadBytes) {
      throw TaskArgumentException.tooLarge(task.name(), bytes, maxPayloadBytes);
    }
    return new JsonArray(json);
  }
}
