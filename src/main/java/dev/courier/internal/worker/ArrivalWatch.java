package dev.courier.internal.worker;

import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisConnection;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits, on a connection of its own, for the next task to arrive in one queue once a claim found it empty: a blocking
 * {@code XREAD} from the claim's cursor, so nothing that arrives in between is missed and nothing is polled. It
 * claims nothing (the dispatcher claims), so a node that stops while it waits loses nothing. Home loop only (checked).
 */
final class ArrivalWatch {

  /** How long one wait blocks: the node's fetch period for a queue with nothing to claim. */
  static final long BLOCK_MS = 2_000;

  private final HomeLoop home;
  private final WorkQueue queue;
  private final Supplier<Future<RedisConnection>> connect;
  private final Runnable arrived;
  private final Consumer<Throwable> failed;
  private RedisConnection connection;
  private String from;
  private boolean waiting;
  private boolean stopped;
  // a wait begun before a master switch answers (late) from the demoted master: its answer is ignored
  private int generation;

  /** @param connect opens a connection of the watch's own, on the master */
  ArrivalWatch(HomeLoop home, WorkQueue queue, Supplier<Future<RedisConnection>> connect, Runnable arrived,
               Consumer<Throwable> failed) {
    this.home = home;
    this.queue = queue;
    this.connect = connect;
    this.arrived = arrived;
    this.failed = failed;
  }

  /** Waits for an entry after {@code cursor}; a wait already under way goes on from the newer cursor next time. */
  void watchFrom(String cursor) {
    home.check("ArrivalWatch");
    from = cursor;
    if (!waiting) {
      waitOnce();
    }
  }

  /**
   * Sentinel switched the master: the wait under way blocks on the demoted one, so it is dropped; the caller claims
   * again at once (on the new master), and the next wait opens a new connection. True unless stopped.
   */
  boolean masterSwitched() {
    home.check("ArrivalWatch");
    generation++;
    waiting = false;
    dropConnection();
    return !stopped;
  }

  void stop() {
    home.check("ArrivalWatch");
    stopped = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private void waitOnce() {
    if (stopped) {
      return;
    }
    waiting = true;
    String cursor = from;
    int started = generation;
    connection().compose(conn -> queue.awaitNew(conn, cursor, BLOCK_MS)).onComplete(ar -> {
      home.check("ArrivalWatch");
      if (started != generation) {
        return;
      }
      waiting = false;
      if (stopped) {
        return;
      }
      if (ar.failed()) {
        dropConnection();
        failed.accept(ar.cause());
      } else if (ar.result()) {
        arrived.run();
      } else {
        waitOnce();
      }
    });
  }

  private Future<RedisConnection> connection() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    return connect.get().onSuccess(conn -> {
      connection = conn;
      conn.exceptionHandler(err -> home.context().runOnContext(v -> { // on the connection's thread
        if (connection == conn) {
          connection = null;
        }
      }));
    });
  }

  private void dropConnection() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
