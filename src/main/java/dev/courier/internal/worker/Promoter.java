package dev.courier.internal.worker;

import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves delayed tasks of one queue to ready when they fall due. One Vert.x timer is armed for the earliest due time
 * and re-armed when an earlier task arrives (announced on the queue's wake channel, from this node or another).
 * While nothing is delayed no timer runs and Redis is not polled. One promoter per queue per node; the promoters of
 * several nodes may fire at once: the promote script is atomic, so each task moves once. Home loop only (checked).
 */
final class Promoter {

  private static final Logger LOG = LoggerFactory.getLogger(Promoter.class);
  private static final int BATCH = 1000;
  private static final long RETRY_MS = 500;

  private final Vertx vertx;
  private final HomeLoop home;
  private final WorkQueue queue;
  private final WorkerResources resources;
  private final DutyLog failures;
  private RedisConnection subscription;
  private long timer = -1;
  private long armedFor = -1;
  private boolean stopped;
  private Runnable unwatch;

  Promoter(Vertx vertx, HomeLoop home, WorkQueue queue, WorkerResources resources) {
    this.vertx = vertx;
    this.home = home;
    this.queue = queue;
    this.resources = resources;
    this.failures = DutyLog.loggedOnly(LOG, "promoting delayed tasks of " + queue.keys().queue());
  }

  void start() {
    home.check("Promoter");
    // after a Sentinel switch the subscription listens to the demoted master: drop it, and subscribe anew
    unwatch = resources.switches().onSwitch(home.context(), () -> {
      if (subscription != null) {
        subscription.close(); // its end handler subscribes again
      }
    });
    subscribe();
  }

  void stop() {
    stopped = true;
    if (unwatch != null) {
      unwatch.run();
    }
    cancel();
    if (subscription != null) {
      subscription.close();
    }
  }

  private void subscribe() {
    if (stopped) {
      return;
    }
    queue.subscribeWake(() -> resources.switches().connect(resources.dedicated()), this::dueAt)
      .onSuccess(conn -> {
        home.check("Promoter");
        subscription = conn;
        conn.endHandler(v -> home.context().runOnContext(x -> resubscribeLater()));
        conn.exceptionHandler(err -> conn.close());
        promote(); // catch up on anything that fell due or arrived while we were not listening
      })
      .onFailure(err -> resubscribeLater());
  }

  private void resubscribeLater() {
    home.check("Promoter");
    subscription = null;
    if (!stopped) {
      vertx.setTimer(RETRY_MS, t -> subscribe());
    }
  }

  /**
   * A task is due at {@code dueMs}: arm for it unless the timer already fires earlier. The timer's delay was taken
   * from the clock when it was armed; if the clock has since passed the armed time (it jumped), promote now.
   */
  private void dueAt(long dueMs) {
    home.context().runOnContext(v -> { // the wake message comes on the subscription's thread
      if (stopped) {
        return;
      }
      if (armedFor < 0 || dueMs < armedFor) {
        arm(dueMs);
      } else if (armedFor <= resources.clock().millis()) {
        arm(armedFor);
      }
    });
  }

  private void arm(long dueMs) {
    home.check("Promoter");
    cancel();
    armedFor = dueMs;
    timer = vertx.setTimer(Math.max(1, dueMs - resources.clock().millis()), t -> {
      timer = -1;
      armedFor = -1;
      promote();
    });
  }

  private void promote() {
    home.check("Promoter");
    if (stopped) {
      return;
    }
    queue.promoteDue(resources.clock().millis(), BATCH)
      .onSuccess(next -> {
        home.check("Promoter");
        failures.succeeded();
        if (next >= 0 && (armedFor < 0 || next < armedFor)) {
          arm(next);
        }
      })
      .onFailure(err -> {
        failures.failed(err, resources.clock().millis());
        arm(resources.clock().millis() + RETRY_MS);
      });
  }

  private void cancel() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    armedFor = -1;
  }
}
