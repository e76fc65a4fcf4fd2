package dev.courier.task;

import dev.courier.queue.Queues;

import java.time.Clock;

/**
 * Fires tasks: {@code tasks.task("sendEmail").fire(to, subject, body)} checks the arguments against the task's
 * declaration at once (a bad one throws {@link TaskArgumentException} and nothing is enqueued), seals an envelope with
 * the current caller and request id, and completes when Redis holds it. It never waits for the task to run.
 */
public final class TaskClient {

  private final TaskRegistry registry;
  private final Queues queues;
  private final EnvelopeSigner signer;
  private final int maxPayloadBytes;
  private final Clock clock;

  public TaskClient(TaskRegistry registry, Queues queues, EnvelopeSigner signer, int maxPayloadBytes, Clock clock) {
    this.registry = registry;
    this.queues = queues;
    this.signer = signer;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
  }

  /** @return a call of the task registered as {@code name}; throws if there is none. */
  public TaskCall task(String name) {
    return new TaskCall(registry.require(name), queues, signer, maxPayloadBytes, clock);
  }
}
