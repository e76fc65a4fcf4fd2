package dev.courier.internal.queue;

import java.util.List;
import java.util.Objects;

/**
 * A delivery whose attempt succeeded, to be completed: its claim, and what the task returned (JSON) or why that was
 * not stored. Most tasks return nothing, and then this costs the script exactly the (entry, task id) pair it always
 * took; a result adds one argument and a one-character mark on the entry id ({@code includes/completeDeliveries}).
 */
public record Completion(Claim claim, String result, String resultError) {

  private static final String RESULT_MARK = "+";
  private static final String RESULT_ERROR_MARK = "!";

  public Completion {
    Objects.requireNonNull(claim, "'claim' cannot be null");
    if (result != null && resultError != null) {
      throw new IllegalArgumentException("a completion has a result or a result error, not both");
    }
  }

  /** A success with nothing to store. */
  public static Completion of(Claim claim) {
    return new Completion(claim, null, null);
  }

  /** A success whose result, as JSON text, is stored with the task's status. */
  public static Completion withResult(Claim claim, String resultJson) {
    return new Completion(claim, Objects.requireNonNull(resultJson, "'resultJson' cannot be null"), null);
  }

  /** A success whose result was not stored, and why. */
  public static Completion resultNotStored(Claim claim, String why) {
    return new Completion(claim, null, Objects.requireNonNull(why, "'why' cannot be null"));
  }

  /** Appends this completion's script arguments: (entry, id), (+entry, id, json) or (!entry, id, why). */
  void addArgs(List<String> args) {
    if (result != null) {
      args.add(RESULT_MARK + claim.entryId());
    } else if (resultError != null) {
      args.add(RESULT_ERROR_MARK + claim.entryId());
    } else {
      args.add(claim.entryId());
    }
    args.add(claim.taskId());
    if (result != null || resultError != null) {
      args.add(result != null ? result : resultError);
    }
  }
}
