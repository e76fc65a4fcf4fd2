package dev.courier.worker;

import dev.courier.queue.Claim;
import dev.courier.queue.RedisQueue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes successful outcomes in batches: the runs that finish in one turn of the event loop go together, and at most
 * one {@code complete} script call per queue is in flight; the runs that finish meanwhile go in the next one. A lone
 * task is written at the end of its turn; under load a call carries many. Runs on the node's home context only.
 */
final class Completions {

  private final ContextInternal home;
  private final Clock clock;
  private final long retentionMs;
  private final Map<RedisQueue, Batch> batches = new HashMap<>();

  Completions(ContextInternal home, Clock clock, long retentionMs) {
    this.home = home;
    this.clock = clock;
    this.retentionMs = retentionMs;
  }

  /** @return whether the task was this delivery's to finish (false: another delivery owns it). */
  Future<Boolean> complete(RedisQueue queue, Claim claim) {
    Batch batch = batches.computeIfAbsent(queue, q -> new Batch());
    Promise<Boolean> owned = Promise.promise();
    batch.waiting.add(new Waiting(claim, owned));
    if (!batch.inFlight && !batch.scheduled) {
      batch.scheduled = true;
      home.runOnContext(v -> {
        batch.scheduled = false;
        if (!batch.inFlight) {
          flush(queue, batch);
        }
      });
    }
    return owned.future();
  }

  private void flush(RedisQueue queue, Batch batch) {
    if (batch.waiting.isEmpty()) {
      return;
    }
    List<Waiting> sending = batch.waiting;
    batch.waiting = new ArrayList<>();
    batch.inFlight = true;
    List<Claim> claims = new ArrayList<>(sending.size());
    sending.forEach(w -> claims.add(w.claim));
    queue.complete(claims, clock.millis(), retentionMs).onComplete(ar -> {
      batch.inFlight = false;
      for (int i = 0; i < sending.size(); i++) {
        if (ar.succeeded()) {
          sending.get(i).owned.complete(ar.result().get(i));
        } else {
          sending.get(i).owned.fail(ar.cause());
        }
      }
      flush(queue, batch);
    });
  }

  private static final class Batch {
    private List<Waiting> waiting = new ArrayList<>();
    private boolean inFlight;
    private boolean scheduled;
  }

  private record Waiting(Claim claim, Promise<Boolean> owned) {
  }
}
