package dev.courier.internal.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the tasks this node stored in one queue over the last {@value #KEEP_MS} ms (at most {@value #MAX}): after
 * a failover they are looked up on the new master, since what the old master took in its last moments may be gone.
 * Thread-safe.
 */
final class RecentFires {

  static final long KEEP_MS = 10_000;
  static final int MAX = 200_000;

  private final ArrayDeque<Fire> fires = new ArrayDeque<>();

  synchronized void stored(List<NewTask> tasks, long nowMs) {
    for (NewTask t : tasks) {
      fires.addLast(new Fire(t.id(), nowMs));
    }
    while (!fires.isEmpty() && (fires.size() > MAX || fires.peekFirst().atMs < nowMs - KEEP_MS)) {
      fires.removeFirst();
    }
  }

  /** @return the ids stored at or after {@code fromMs}, oldest first */
  synchronized List<String> since(long fromMs) {
    List<String> ids = new ArrayList<>();
    for (Fire f : fires) {
      if (f.atMs >= fromMs) {
        ids.add(f.id);
      }
    }
    return ids;
  }

  private record Fire(String id, long atMs) {
  }
}
