package dev.courier.internal.queue;

import java.util.Objects;

/** One delivery read from the {@code ready} stream: the stream entry (the lease handle) and the task it names. */
public record Claim(String entryId, String taskId) {

  public Claim {
    Objects.requireNonNull(entryId, "'entryId' cannot be null");
    Objects.requireNonNull(taskId, "'taskId' cannot be null");
  }
}
