package dev.courier.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a task is in its life. A task is {@link #QUEUED} or {@link #DELAYED} when fired, {@link #RUNNING} while an
 * attempt runs, {@link #RETRYING} between a failed attempt and the next one, and ends {@link #SUCCEEDED} or
 * {@link #DEAD} (see README, "Delivery guarantees"). In JSON, and in Redis, a state is its lowercase name
 * ({@code "succeeded"}).
 */
public enum TaskState {
  /** Waiting for its due time (a delayed fire). */
  DELAYED,
  /** Due, waiting for a worker (or claimed by one that has not started it yet). */
  QUEUED,
  /** An attempt is running on a worker. */
  RUNNING,
  /** An attempt failed; the next one waits for its backoff. */
  RETRYING,
  /** An attempt succeeded. Final. */
  SUCCEEDED,
  /** Refused or out of attempts; it never runs again. Final. */
  DEAD,
  /**
   * A state this version of Courier cannot read (written by another version, or damaged). It is not final: stop
   * polling such a task after a time of your choosing.
   */
  UNKNOWN;

  /** @return the lowercase name used in JSON and in Redis. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the state named {@code wire} ({@link #wireName()}); {@link #UNKNOWN} for any other text or null. */
  @JsonCreator
  public static TaskState fromWire(String wire) {
    for (TaskState s : values()) {
      if (s.wireName().equals(wire)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** @return true for {@link #SUCCEEDED} and {@link #DEAD}: no attempt will ever run again. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == DEAD;
  }
}
