package dev.courier.task;

import dev.courier.api.ModelMapper;

import java.time.Instant;
import java.util.Optional;

/**
 * What Redis holds about one task, as {@link TaskClient#status} reads it. Finished and dead tasks are kept for
 * {@code tasks.retentionSeconds}, then read as absent. A value Redis holds in a form Courier cannot read comes back as
 * {@link TaskState#UNKNOWN}, {@code 0} or {@code null}, never as a failure.
 *
 * @param taskId      the id {@link TaskReceipt#taskId()} gave
 * @param task        the task's name ({@code null} for a delivery that named no stored task)
 * @param queue       the queue it is in
 * @param subject     the subject of the caller that fired it, as its signed envelope says ({@code null} when fired
 *                    outside a request, or when the envelope is missing or fails its check); Courier does not check
 *                    who reads a status, so a handler that shows it decides with this
 * @param state       where the task is; poll until {@link TaskState#isFinal()}
 * @param attempts    attempts started so far
 * @param maxAttempts attempts allowed before the task is dead (as its signed envelope says, when it can be checked)
 * @param enqueuedAt  when it was fired
 * @param dueAt       when it is (or was) due to run; after a failed attempt, when the next one is
 * @param startedAt   when the latest attempt started ({@code null} before the first)
 * @param finishedAt  when it succeeded or died ({@code null} until then)
 * @param lastError   why the latest attempt failed, or why the task is dead
 * @param resultJson  what the task returned, as JSON ({@code null}: it returned nothing, has not succeeded yet, or
 *                    the result was not stored); read it with {@link #result(Class)}
 * @param resultError why a result was not stored (over {@code tasks.maxResultBytes}, or not writable as JSON)
 */
public record TaskStatus(String taskId, String task, String queue, String subject, TaskState state, int attempts,
                         int maxAttempts, Instant enqueuedAt, Instant dueAt, Instant startedAt, Instant finishedAt,
                         String lastError, String resultJson, String resultError) {

  /**
   * @return the stored result mapped to {@code type} through {@link ModelMapper}, or empty when there is none
   * @throws IllegalArgumentException if the stored JSON does not fit {@code type}
   */
  public <T> Optional<T> result(Class<T> type) {
    return resultJson == null ? Optional.empty() : Optional.of(ModelMapper.read(resultJson, type));
  }
}
