package dev.courier.internal.worker;

import io.vertx.core.internal.ContextInternal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event loops that run tasks returning a {@code Future}: one per worker verticle ({@code tasks.workers}). Runs
 * are spread over them in turn; each run gets a fresh duplicate of its lane's context, so context-local data (the
 * call context) stays per run.
 */
final class Lanes {

  private final List<ContextInternal> contexts = new CopyOnWriteArrayList<>();
  private int next;

  void add(ContextInternal context) {
    contexts.add(context);
  }

  boolean isEmpty() {
    return contexts.isEmpty();
  }

  /** @return the context of the first worker verticle: where the node's dispatcher and duties run. */
  ContextInternal home() {
    return contexts.get(0);
  }

  /** @return a fresh duplicated context on the next lane. Called from the home context only. */
  ContextInternal nextRunContext() {
    ContextInternal lane = contexts.get(next++ % contexts.size());
    return lane.duplicate();
  }
}
