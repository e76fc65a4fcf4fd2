package dev.courier.internal.worker;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;

/**
 * One lane of a node's workers: an event loop on which tasks returning a {@code Future} run. Deployed
 * {@code tasks.workers} times; the node's dispatcher and duties run apart from every lane, on the home loop
 * ({@link HomeLoop}). Stopping any of them stops the node's workers (in order, with the grace period) before its event
 * loop goes away.
 */
public final class WorkerVerticle extends VerticleBase {

  private final WorkerRuntime runtime;

  WorkerVerticle(WorkerRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Future<?> start() {
    runtime.addLane((ContextInternal) context);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return runtime.stop();
  }
}
