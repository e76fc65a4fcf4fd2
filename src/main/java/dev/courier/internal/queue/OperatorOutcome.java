package dev.courier.internal.queue;

/** What an operator's move on one task did: the return codes of {@code retryDead} and {@code deleteDead}. */
public enum OperatorOutcome {
  /** The move was made. */
  DONE,
  /** No such task (never stored, or expired after the retention). */
  NOT_FOUND,
  /** The task is not dead: nothing was changed. */
  NOT_DEAD,
  /** A dead stub for an id that had no task: there is no envelope to run. */
  NO_ENVELOPE;

  static OperatorOutcome of(long code) {
    return switch ((int) code) {
      case 1 -> DONE;
      case 0 -> NOT_FOUND;
      case -1 -> NOT_DEAD;
      case -2 -> NO_ENVELOPE;
      default -> throw QueueException.unexpectedReply("an operator's move", code);
    };
  }
}
