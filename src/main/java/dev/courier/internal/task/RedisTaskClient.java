package dev.courier.internal.task;

import dev.courier.internal.queue.Queues;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskClient;
import dev.courier.task.TaskStatus;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.Optional;

/**
 * Fires tasks: {@code tasks.task("sendEmail").fire(to, subject, body)} checks the arguments against the task's
 * declaration at once (a bad one throws {@link TaskArgumentException} and nothing is enqueued), seals an envelope with
 * the current caller and request id, and completes when Redis holds it. It never waits for the task to run. Reads a
 * task's status through the same {@link TaskLookup} as {@code GET /v1/tasks/{task_id}}, without its owner check.
 */
public final class RedisTaskClient implements TaskClient {

  private final TaskRegistry registry;
  private final Queues queues;
  private final EnvelopeSigner signer;
  private final int maxPayloadBytes;
  private final Clock clock;
  private final TaskLookup lookup;

  public RedisTaskClient(TaskRegistry registry, Queues queues, EnvelopeSigner signer, int maxPayloadBytes, Clock clock,
                         TaskLookup lookup) {
    this.registry = registry;
    this.queues = queues;
    this.signer = signer;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
    this.lookup = lookup;
  }

  /** @return a call of the task registered as {@code name}; throws if there is none. */
  @Override
  public TaskCall task(String name) {
    return new RedisTaskCall(registry.require(name), queues, signer, maxPayloadBytes, clock);
  }

  @Override
  public Future<Optional<TaskStatus>> status(String taskId) {
    return lookup.find(taskId);
  }
}
