package dev.courier.internal.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;

/**
 * Blocking bodies that ran past their timeout and still hold their thread: they ignored the interrupt. The attempt of
 * such a body waits for its thread before its outcome is written, with its lease renewed, so its retry can never run
 * beside it, here or on another node. One that still holds its thread a whole timeout after its timeout is given up
 * on: its task is buried, while its thread (and slot) stay held until it returns. While every slot of the node is held
 * by such bodies no task can start here, and readiness says so. Home context only.
 */
final class Overruns {

  static final String CHECK = "slots";

  private final int slots;
  private final WorkerHealth health;
  private final Deadlines deadlines;
  private int holding;

  Overruns(int slots, WorkerHealth health, Deadlines deadlines) {
    this.slots = slots;
    this.health = health;
    this.deadlines = deadlines;
  }

  /**
   * Waits for a body that timed out while it held its thread.
   *
   * @param released completes (on {@code home}) when the body's thread is free
   * @return true once the thread is free, false when it still held it {@code graceMs} later (and holds it still)
   */
  Future<Boolean> await(Future<Void> released, long graceMs, ContextInternal home) {
    holding++;
    report();
    Promise<Boolean> freed = home.promise();
    Deadlines.Deadline grace = deadlines.arm(graceMs, () -> freed.tryComplete(false));
    released.onComplete(v -> {
      grace.disarm();
      holding--;
      report();
      freed.tryComplete(true);
    });
    return freed.future();
  }

  private void report() {
    if (holding >= slots) {
      health.problem(CHECK, "all " + slots + " slots held by bodies past their timeout (they ignored the interrupt); "
        + "no task can start on this node");
    } else {
      health.ok(CHECK);
    }
  }
}
