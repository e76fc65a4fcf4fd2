package dev.courier.internal.queue;

import java.util.Locale;

/**
 * Where a task is in its lifecycle, as stored in the {@code state} field of its hash. The legal moves between
 * states are listed in {@link AllowedTransitions}.
 */
public enum TaskState {
  /** In the {@code delayed} ZSET, waiting for its due time. */
  DELAYED,
  /** An entry in the {@code ready} stream, waiting for (or claimed by, not yet started on) a worker. */
  QUEUED,
  /** Started by a worker that holds the stream entry. */
  RUNNING,
  /** Failed and back in the {@code delayed} ZSET for another attempt. */
  RETRYING,
  /** Finished successfully; its hash expires after the retention. */
  SUCCEEDED,
  /** Buried in the {@code dead} ZSET; never run again, inspectable until the retention ends. */
  DEAD;

  /** The lowercase name stored in Redis. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #wireName()}. */
  public static TaskState fromWire(String wire) {
    if (wire == null) {
      throw new IllegalArgumentException("task state is missing");
    }
    for (TaskState s : values()) {
      if (s.wireName().equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown task state '" + wire + "'");
  }

  /** True for states no script ever leaves. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == DEAD;
  }
}
