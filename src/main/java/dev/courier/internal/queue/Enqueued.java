package dev.courier.internal.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What storing new tasks answered: every task not stored because its idempotency key already named a task, by the id
 * it was minted with. Empty (and shared) when every task was stored, as for any call without keys.
 */
public record Enqueued(Map<String, Earlier> repeats) {

  public static final Enqueued ALL_STORED = new Enqueued(Map.of());

  /**
   * The task a key already named.
   *
   * @param dueAtMs its due time, or -1 if its hash is gone (deleted by an operator while the key lived on)
   */
  public record Earlier(String taskId, long dueAtMs) {
  }

  public Enqueued {
    repeats = Map.copyOf(repeats);
  }

  /** @return the task the key of the task minted as {@code id} named, or null if that task was stored */
  public Earlier earlierOf(String id) {
    return repeats.get(id);
  }

  /** @return the repeats among {@code tasks} only: a coalesced call's answer, for one of the fires it carried */
  Enqueued of(List<NewTask> tasks) {
    if (repeats.isEmpty()) {
      return ALL_STORED;
    }
    Map<String, Earlier> mine = new HashMap<>();
    for (NewTask t : tasks) {
      Earlier earlier = repeats.get(t.id());
      if (earlier != null) {
        mine.put(t.id(), earlier);
      }
    }
    return mine.isEmpty() ? ALL_STORED : new Enqueued(mine);
  }

  /** The answers of the parts of a split call, as one. */
  static Enqueued merge(List<Enqueued> parts) {
    Map<String, Earlier> all = new HashMap<>();
    parts.forEach(p -> all.putAll(p.repeats));
    return all.isEmpty() ? ALL_STORED : new Enqueued(all);
  }
}
