package dev.courier.internal.worker;

import io.vertx.core.internal.ContextInternal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event loops that run tasks returning a {@code Future}: one per worker verticle ({@code tasks.workers}). Runs
 * are spread over them in turn; each run gets a fresh duplicate of its lane's context, so context-local data (the
 * call context) stays per run. The runs report back to the home loop ({@link HomeLoop}), which is none of the lanes.
 */
final class Lanes {

  private final List<ContextInternal> contexts = new CopyOnWriteArrayList<>();
  private ContextInternal home;
  private int next;

  Lanes() {
  }

  /** Lanes whose turn counter starts at {@code next} (a test starts it near {@code Integer.MAX_VALUE}). */
  Lanes(int next) {
    this.next = next;
  }

  void add(ContextInternal context) {
    contexts.add(context);
  }

  boolean isEmpty() {
    return contexts.isEmpty();
  }

  /** @return the lanes' contexts, in the order they were deployed. */
  List<ContextInternal> contexts() {
    return List.copyOf(contexts);
  }

  void home(HomeLoop home) {
    this.home = home.context();
  }

  /** @return the home loop's context: where every run's callbacks come back to. */
  ContextInternal home() {
    return home;
  }

  /** @return a fresh duplicated context on the next lane. Called from the home context only. */
  ContextInternal nextRunContext() {
    HomeLoop.check(home, "Lanes");
    // floorMod: the counter wraps to negative after 2^31 runs, and a negative index would fail every run after it
    int turn = Math.floorMod(next, contexts.size());
    next = turn + 1;
    return contexts.get(turn).duplicate();
  }
}
