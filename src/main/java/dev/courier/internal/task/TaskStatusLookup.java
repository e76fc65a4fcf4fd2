package dev.courier.internal.task;

import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.TaskRecord;
import dev.courier.task.TaskStatus;
import io.vertx.core.Future;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds a task's status in whichever queue holds it: the one reading path behind {@code TaskClient.status} and
 * {@code GET /v1/tasks/{task_id}}. The queues to search are asked for at each lookup, since the node knows them only
 * once the service registered its tasks, after this is built. Who fired the task, its name and its max attempts are
 * read from its signed envelope, never from the unsigned hash: a status whose envelope is missing or fails its check
 * has no subject (so only an admin sees it). No owner check here: callers decide.
 */
public final class TaskStatusLookup {

  private final Queues queues;
  private final Supplier<List<String>> queueNames;
  private final EnvelopeSigner signer;

  /** @param queueNames every queue a task may be in (the configured ones and those the registered tasks name) */
  public TaskStatusLookup(Queues queues, Supplier<List<String>> queueNames, EnvelopeSigner signer) {
    this.queues = queues;
    this.queueNames = queueNames;
    this.signer = signer;
  }

  public Future<Optional<TaskStatus>> find(String taskId) {
    Objects.requireNonNull(taskId, "'taskId' cannot be null");
    return find(taskId, queueNames.get(), 0);
  }

  private Future<Optional<TaskStatus>> find(String taskId, List<String> names, int index) {
    if (index >= names.size()) {
      return Future.succeededFuture(Optional.empty());
    }
    return queues.get(names.get(index)).compose(queue -> queue.statusWithEnvelope(taskId))
      .compose(found -> found != null ? Future.succeededFuture(Optional.of(signed(found)))
        : find(taskId, names, index + 1));
  }

  /** The status with what its signed envelope says of it in place of the hash's copies. */
  private TaskStatus signed(TaskRecord found) {
    TaskStatus s = found.status();
    Envelope envelope = opened(found.envelope(), s);
    String subject = null;
    String task = s.task();
    int maxAttempts = s.maxAttempts();
    if (envelope != null) {
      Object signedSubject = envelope.principal() == null ? null : envelope.principal().getValue("subject");
      subject = signedSubject instanceof String text ? text : null;
      task = envelope.task();
      maxAttempts = envelope.maxAttempts();
    }
    return new TaskStatus(s.taskId(), task, s.queue(), subject, s.state(), s.attempts(), maxAttempts, s.enqueuedAt(),
      s.dueAt(), s.startedAt(), s.finishedAt(), s.lastError(), s.resultJson(), s.resultError());
  }

  /** @return the envelope if it opens here and is this task's, of this queue; else null */
  private Envelope opened(String sealed, TaskStatus s) {
    if (sealed == null) {
      return null;
    }
    try {
      Envelope envelope = signer.open(sealed);
      return envelope.id().equals(s.taskId()) && envelope.queue().equals(s.queue()) ? envelope : null;
    } catch (RuntimeException unverifiable) { // rejected, or signed with a key this node does not hold
      return null;
    }
  }
}
