package dev.courier.internal.worker;

import dev.courier.internal.queue.Completion;
import dev.courier.internal.queue.WorkQueue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes successful outcomes in batches: the runs that finish in one turn of the node go together (the home loop's
 * and the lanes': {@link HomeLoop#afterLanes}), and at most
 * one {@code complete} script call per queue is in flight; the runs that finish meanwhile go in the next one. When
 * the dispatcher claims from a queue first, it takes that queue's waiting outcomes along ({@link #take}): a draining
 * node then makes one script call per batch, outcomes and next tasks together. Either way one script call carries at
 * most {@value #MAX_PER_CALL} outcomes (the script unpacks them, and Lua's stack is bounded); the rest go in the next
 * call. Home loop only (checked).
 */
final class Completions {

  static final int MAX_PER_CALL = 1_000;

  private final HomeLoop home;
  private final Clock clock;
  private final long retentionMs;
  private final Map<WorkQueue, Batch> batches = new HashMap<>();

  Completions(HomeLoop home, Clock clock, long retentionMs) {
    this.home = home;
    this.clock = clock;
    this.retentionMs = retentionMs;
  }

  /**
   * Queues a success (and its result, if any) for writing; {@code owned} then says whether the task was this
   * delivery's to finish (false: another delivery owns it), or {@code failed} why it could not be written.
   */
  void complete(WorkQueue queue, Completion completion, Consumer<Boolean> owned, Consumer<Throwable> failed) {
    home.check("Completions");
    Batch batch = batches.computeIfAbsent(queue, q -> new Batch());
    batch.waiting.add(new Waiting(completion, owned, failed));
    if (!batch.inFlight && !batch.scheduled) {
      batch.scheduled = true;
      // Two rounds through the lanes: an outcome may come in while the dispatcher still hands out a claim's runs, and
      // the second round starts behind them and behind the dispatcher's next pump, whose claim takes these along.
      home.afterLanes(() -> home.afterLanes(() -> {
        batch.scheduled = false;
        if (!batch.inFlight) {
          flush(queue, batch);
        }
      }));
    }
  }

  /**
   * Takes the outcomes of {@code queue} not yet on their way, for the dispatcher to write with its next claim of that
   * queue (one round trip for both); {@link Taken#settle} must then be called with what that claim answered.
   */
  Taken take(WorkQueue queue) {
    home.check("Completions");
    Batch batch = batches.get(queue);
    if (batch == null || batch.waiting.isEmpty()) {
      return Taken.NONE;
    }
    // what is left stays waiting; a flush is scheduled or in flight for it (complete() sees to that)
    return new Taken(batch.next());
  }

  /** Outcomes that ride along with a claim. */
  static final class Taken {
    static final Taken NONE = new Taken(List.of());

    private final List<Waiting> waiting;

    private Taken(List<Waiting> waiting) {
      this.waiting = waiting;
    }

    List<Completion> completions() {
      List<Completion> completions = new ArrayList<>(waiting.size());
      waiting.forEach(w -> completions.add(w.completion));
      return completions;
    }

    /** The claim answered: {@code owned} has one entry per outcome, in order (fewer: those were not written). */
    void settle(List<Boolean> owned) {
      for (int i = 0; i < waiting.size(); i++) {
        if (i < owned.size()) {
          waiting.get(i).owned.accept(owned.get(i));
        } else {
          waiting.get(i).failed.accept(new IllegalStateException("the queue's group was re-created meanwhile"));
        }
      }
    }

    void settle(Throwable failure) {
      waiting.forEach(w -> w.failed.accept(failure));
    }
  }

  private void flush(WorkQueue queue, Batch batch) {
    if (batch.waiting.isEmpty()) {
      return;
    }
    List<Waiting> sending = batch.next();
    batch.inFlight = true;
    List<Completion> completions = new ArrayList<>(sending.size());
    sending.forEach(w -> completions.add(w.completion));
    queue.complete(completions, clock.millis(), retentionMs).onComplete(ar -> {
      home.check("Completions");
      batch.inFlight = false;
      for (int i = 0; i < sending.size(); i++) {
        if (ar.succeeded()) {
          sending.get(i).owned.accept(ar.result().get(i));
        } else {
          sending.get(i).failed.accept(ar.cause());
        }
      }
      flush(queue, batch);
    });
  }

  private static final class Batch {
    private List<Waiting> waiting = new ArrayList<>();
    private boolean inFlight;
    private boolean scheduled;

    /** Removes and returns the first outcomes waiting, at most {@value #MAX_PER_CALL}. */
    private List<Waiting> next() {
      if (waiting.size() <= MAX_PER_CALL) {
        List<Waiting> all = waiting;
        waiting = new ArrayList<>();
        return all;
      }
      List<Waiting> first = new ArrayList<>(waiting.subList(0, MAX_PER_CALL));
      waiting = new ArrayList<>(waiting.subList(MAX_PER_CALL, waiting.size()));
      return first;
    }
  }

  private record Waiting(Completion completion, Consumer<Boolean> owned, Consumer<Throwable> failed) {
  }
}
