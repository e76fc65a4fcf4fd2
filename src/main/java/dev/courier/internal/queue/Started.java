package dev.courier.internal.queue;

/**
 * A task a worker now runs: claimed and started in one step ({@link RedisQueue#claim}), with its envelope and which
 * attempt this is (1-based). The entry id is the lease handle every later move of this run names.
 */
public record Started(String taskId, String entryId, String envelope, int attempt) {

  /** @return the delivery this run holds. */
  public Claim claim() {
    return new Claim(entryId, taskId);
  }
}
