package dev.courier.worker;

import dev.courier.queue.Claim;
import dev.courier.queue.RedisQueue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Reads ready tasks of one queue for one worker verticle: takes free slots, then a blocking XREADGROUP on its own
 * connection for at most that many, and hands each claim to the runner. When Redis goes away it pauses (reported by
 * readiness), reconnects with backoff, and resumes by itself.
 */
final class Fetcher {

  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  private static final long BLOCK_MS = 10_000;
  private static final int MAX_BATCH = 16;
  private static final long MAX_BACKOFF_MS = 2_000;

  private final Vertx vertx;
  private final RedisQueue queue;
  private final String consumer;
  private final WorkerResources resources;
  private final TaskRunner runner;
  private final InFlight inFlight;
  private RedisConnection connection;
  private boolean stopped;
  private long backoffMs = 50;

  Fetcher(Vertx vertx, RedisQueue queue, String consumer, WorkerResources resources, TaskRunner runner,
          InFlight inFlight) {
    this.vertx = vertx;
    this.queue = queue;
    this.consumer = consumer;
    this.resources = resources;
    this.runner = runner;
    this.inFlight = inFlight;
  }

  void start() {
    next();
  }

  /** Stops reading; closing the connection ends a pending block (entries it claimed stay leased, nothing lost). */
  void stop() {
    stopped = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private void next() {
    if (stopped) {
      return;
    }
    int granted = resources.slots().tryAcquire(MAX_BATCH);
    if (granted == 0) {
      resources.slots().whenFree().onComplete(v -> next());
      return;
    }
    connection().compose(conn -> queue.read(conn, consumer, granted, BLOCK_MS))
      .onSuccess(claims -> {
        resumed();
        resources.slots().release(granted - claims.size());
        claims.forEach(this::run);
        next();
      })
      .onFailure(err -> {
        resources.slots().release(granted);
        if (!stopped) {
          paused(err);
        }
      });
  }

  private void run(Claim claim) {
    inFlight.add();
    runner.run(queue, consumer, claim)
      .onFailure(err -> LOG.warn("task {} left leased for redelivery: {}", claim.taskId(), err.toString()))
      .onComplete(done -> {
        resources.slots().release(1);
        inFlight.remove();
      });
  }

  private Future<RedisConnection> connection() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    return resources.blocking().connect().onSuccess(conn -> {
      connection = conn;
      conn.exceptionHandler(err -> dropConnection(conn));
      conn.endHandler(v -> dropConnection(conn));
    });
  }

  private void dropConnection(RedisConnection conn) {
    if (connection == conn) {
      connection = null;
    }
  }

  private void paused(Throwable err) {
    if (connection != null) {
      connection.close();
      connection = null;
    }
    resources.health().paused(consumer + "/" + queue.keys().queue());
    LOG.warn("fetching from queue {} paused: {}; retrying in {} ms", queue.keys().queue(), err.toString(), backoffMs);
    vertx.setTimer(backoffMs, t -> next());
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
  }

  private void resumed() {
    if (backoffMs != 50) {
      LOG.info("fetching from queue {} resumed", queue.keys().queue());
    }
    backoffMs = 50;
    resources.health().resumed(consumer + "/" + queue.keys().queue());
  }

  /** Counts the runs a verticle has started and not finished, so stop can wait for them. */
  static final class InFlight {
    private int count;
    private Promise<Void> drained;

    void add() {
      count++;
    }

    void remove() {
      count--;
      if (count == 0 && drained != null) {
        drained.tryComplete();
      }
    }

    Future<Void> drained() {
      if (count == 0) {
        return Future.succeededFuture();
      }
      drained = Promise.promise();
      return drained.future();
    }

    int count() {
      return count;
    }
  }
}
