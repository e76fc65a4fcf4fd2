package dev.courier.internal.worker;

import dev.courier.internal.metrics.DeadReason;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Started;
import dev.courier.internal.task.Envelope;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.internal.task.EnvelopeSigner.EnvelopeRejected;
import dev.courier.internal.task.EnvelopeSigner.UnknownSigningKey;
import dev.courier.internal.task.TaskDefinition;
import dev.courier.internal.task.TaskRegistry;
import dev.courier.task.NoRetry;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides, before anything runs, whether a started delivery may run, from signed data only: the envelope must open
 * with a key this node holds, be the one of the task id it was delivered as and of the queue it was read from, and
 * agree with what the unsigned hash says of it (task name, subject, max_attempts), which is checked, never used. A
 * delivery that fails is refused with a reason, at its first reading, so nothing unreadable is redelivered; a task
 * name this node does not know is not refused here (a newer node may know it: {@link UnknownTaskGrace}).
 */
final class Admission {

  /** What to do with a started delivery. */
  sealed interface Verdict permits Admitted, Refused, UnheldKey, UnknownTask {
  }

  /** It may run: its envelope, its task and its decoded arguments. */
  record Admitted(Envelope envelope, TaskDefinition task, Object[] args) implements Verdict {
  }

  /** It must never run: bury it with {@code reason}, counted under {@code label} and {@code why}. */
  record Refused(String reason, DeadReason why, String label) implements Verdict {
  }

  /** Signed with a key this node does not hold: leave it for a node that holds it. */
  record UnheldKey(String keyId) implements Verdict {
  }

  /** A task name this node does not know, in an envelope that passed every other check. */
  record UnknownTask(Envelope envelope) implements Verdict {
  }

  private final EnvelopeSigner signer;
  private final TaskRegistry registry;

  Admission(EnvelopeSigner signer, TaskRegistry registry) {
    this.signer = signer;
    this.registry = registry;
  }

  Verdict check(String queue, Started started) {
    String label = TaskMeters.UNKNOWN; // a name this node registered, never one read from an envelope it refuses
    try {
      Envelope envelope = signer.open(started.envelope());
      if (!envelope.id().equals(started.taskId())) {
        return new Refused("envelope of task " + envelope.id() + " found under task " + started.taskId(),
          DeadReason.REJECTED, label);
      }
      if (!envelope.queue().equals(queue)) {
        return new Refused("envelope of queue '" + envelope.queue() + "' found in queue '" + queue + "'",
          DeadReason.TAMPERED, label);
      }
      String disagreement = disagreement(envelope, started);
      if (disagreement != null) {
        return new Refused("task hash disagrees with its signed envelope: " + disagreement, DeadReason.TAMPERED,
          label);
      }
      Optional<TaskDefinition> task = registry.find(envelope.task());
      if (task.isEmpty()) {
        return new UnknownTask(envelope);
      }
      label = task.get().name();
      Object[] args;
      try {
        args = TaskArguments.decode(task.get(), envelope);
      } catch (NoRetry misfit) {
        return new Refused(misfit.getMessage(), DeadReason.REJECTED, label);
      }
      if (started.attempt() > envelope.maxAttempts()) {
        return new Refused("attempt " + started.attempt() + " of " + envelope.maxAttempts()
          + ": earlier runs were lost with their workers", DeadReason.ATTEMPTS_LOST, label);
      }
      return new Admitted(envelope, task.get(), args);
    } catch (UnknownSigningKey unheld) {
      return new UnheldKey(unheld.keyId());
    } catch (EnvelopeRejected rejected) {
      return new Refused(rejected.getMessage(), DeadReason.REJECTED, label);
    } catch (RuntimeException unexpected) {
      // redelivering would only fail the same way, every lease, for ever: the first reading decides
      String text = unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage();
      return new Refused("could not be prepared: " + (text.length() > 300 ? text.substring(0, 300) : text),
        DeadReason.DAMAGED, label);
    }
  }

  /** @return what the hash says otherwise than the envelope, or null when they agree */
  private static String disagreement(Envelope envelope, Started started) {
    if (!envelope.task().equals(started.storedTask())) {
      return "task '" + shorten(started.storedTask()) + "', signed '" + envelope.task() + "'";
    }
    String signedSubject = envelope.principal() == null ? null : envelope.principal().getString("subject");
    if (!Objects.equals(emptyAsNull(signedSubject), started.storedSubject())) { // an empty one is stored as none
      return "subject '" + shorten(started.storedSubject()) + "', signed '" + signedSubject + "'";
    }
    if (envelope.maxAttempts() != started.storedMaxAttempts()) {
      return "max_attempts " + started.storedMaxAttempts() + ", signed " + envelope.maxAttempts();
    }
    return null;
  }

  private static String emptyAsNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static String shorten(String stored) {
    return stored == null || stored.length() <= 60 ? stored : stored.substring(0, 60) + "...";
  }
}
