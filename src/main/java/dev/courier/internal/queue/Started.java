package dev.courier.internal.queue;

/**
 * A task a worker now runs: claimed and started in one step ({@link RedisQueue#claim}), with its envelope and which
 * attempt this is (1-based). The entry id is the lease handle every later move of this run names. The hash's own
 * {@code task}, {@code subject} and {@code max_attempts} come along unsigned: the worker checks them against the
 * signed envelope, and only the envelope decides.
 *
 * @param storedTask        the hash's {@code task} field
 * @param storedSubject     the hash's {@code subject} field, or {@code null} when it has none
 * @param storedMaxAttempts the hash's {@code max_attempts} field (a count: the claim buries a hash where it is not)
 */
public record Started(String taskId, String entryId, String envelope, int attempt, String storedTask,
                      String storedSubject, int storedMaxAttempts) {

  /** @return the delivery this run holds. */
  public Claim claim() {
    return new Claim(entryId, taskId);
  }
}
