package dev.courier.internal.redis;

import dev.courier.internal.config.RedisConfig;
import dev.courier.internal.config.RedisType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells the owners of dedicated connections (arrival watches, wake subscriptions) that Sentinel switched the master,
 * so they reconnect to the new one at once rather than block on the demoted one until Sentinel reconfigures it
 * (about 10 s). Subscribes to {@code +switch-master} on every sentinel (the one that led the failover announces it
 * first; the others learn it up to seconds later) and acts on the first announcement of each switch. A no-op unless
 * {@code redis.type} is sentinel.
 */
public final class MasterSwitchWatch {

  private static final Logger LOG = LoggerFactory.getLogger(MasterSwitchWatch.class);
  private static final long RETRY_MS = 1_000;
  // the same switch announced by each sentinel: one reconnect
  private static final long SAME_SWITCH_MS = 30_000;

  private final Vertx vertx;
  private final List<Redis> sentinels;
  private final String masterName;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final List<RedisConnection> connections = new CopyOnWriteArrayList<>();
  private String lastSwitch;
  private long lastSwitchAtMs;
  private volatile boolean closed;

  private MasterSwitchWatch(Vertx vertx, List<Redis> sentinels, String masterName) {
    this.vertx = vertx;
    this.sentinels = sentinels;
    this.masterName = masterName;
  }

  /** Starts watching when {@code config} is a Sentinel one; otherwise a watch that never calls back. */
  public static MasterSwitchWatch start(Vertx vertx, RedisConfig config) {
    if (config.type() != RedisType.SENTINEL) {
      return none(vertx);
    }
    List<Redis> clients = new ArrayList<>();
    for (int i = 0; i < config.endpoints().size(); i++) {
      clients.add(RedisClients.sentinel(vertx, config.endpoints().get(i), i, config.commandTimeoutMs()));
    }
    MasterSwitchWatch watch = new MasterSwitchWatch(vertx, clients, config.masterName());
    clients.forEach(watch::subscribe);
    return watch;
  }

  /** A watch that never calls back (standalone, cluster, tests). */
  public static MasterSwitchWatch none(Vertx vertx) {
    return new MasterSwitchWatch(vertx, List.of(), "");
  }

  /** @return whether the master can switch under this node (Sentinel): dedicated connections check their role. */
  public boolean watches() {
    return !sentinels.isEmpty();
  }

  /**
   * A connection of {@code dedicated}'s own, checked to be on the master ({@code ROLE}) when the master can switch:
   * for a moment after a switch the client may still name the demoted one. On a replica it fails with a
   * {@code READONLY} message (an outage the caller retries), and is closed.
   */
  public Future<RedisConnection> connect(Redis dedicated) {
    Future<RedisConnection> connected = dedicated.connect();
    if (!watches()) {
      return connected;
    }
    return connected.compose(conn -> conn.send(Request.cmd(Command.ROLE)).transform(ar -> {
      if (ar.succeeded() && ar.result() != null && ar.result().size() > 0
        && "master".equals(String.valueOf(ar.result().get(0)))) {
        return Future.succeededFuture(conn);
      }
      conn.close();
      return Future.failedFuture(ar.failed() ? ar.cause()
        : new IllegalStateException("READONLY the connection reached a replica: the master is switching"));
    }));
  }

  /** Calls {@code onSwitch} on {@code context} after each switch, until the returned handle is run. */
  public Runnable onSwitch(Context context, Runnable onSwitch) {
    Listener listener = new Listener(context, onSwitch);
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public Future<Void> close() {
    closed = true;
    connections.forEach(RedisConnection::close);
    List<Future<Void>> closing = new ArrayList<>();
    sentinels.forEach(s -> closing.add(s.close()));
    return Future.join(closing).mapEmpty();
  }

  private void subscribe(Redis sentinel) {
    if (closed) {
      return;
    }
    sentinel.connect().compose(conn -> {
      connections.add(conn);
      conn.handler(this::message);
      conn.endHandler(v -> retryLater(sentinel, conn, null));
      conn.exceptionHandler(err -> retryLater(sentinel, conn, err));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg("+switch-master"))
        .onFailure(err -> retryLater(sentinel, conn, err));
    }).onFailure(err -> retryLater(sentinel, null, err));
  }

  private void retryLater(Redis sentinel, RedisConnection conn, Throwable err) {
    if (closed || (conn != null && !connections.remove(conn))) {
      return; // closing, or this connection's failure was already handled
    }
    if (conn != null) {
      conn.close();
    }
    LOG.debug("cannot watch a sentinel for a master switch, trying again in {} ms: {}", RETRY_MS, err);
    vertx.setTimer(RETRY_MS, t -> subscribe(sentinel));
  }

  /** {@code message +switch-master "<name> <old-ip> <old-port> <new-ip> <new-port>"}, RESP3 push or RESP2 array. */
  private void message(Response msg) {
    if (msg == null || msg.size() < 3 || !"message".equalsIgnoreCase(String.valueOf(msg.get(0)))) {
      return;
    }
    String body = String.valueOf(msg.get(2));
    if (!body.startsWith(masterName + " ") || !firstAnnouncement(body)) {
      return;
    }
    LOG.warn("Sentinel switched master {}: {}; dedicated Redis connections reconnect", masterName, body);
    notifyListeners();
    // the clients may name the demoted master (which still says it is one) until their topology cache expires:
    // whoever reconnected too soon reconnects once more after it
    vertx.setTimer(RedisClients.TOPOLOGY_TTL_MS + 150, t -> notifyListeners());
  }

  private synchronized boolean firstAnnouncement(String body) {
    long now = System.currentTimeMillis();
    if (body.equals(lastSwitch) && now - lastSwitchAtMs < SAME_SWITCH_MS) {
      return false;
    }
    lastSwitch = body;
    lastSwitchAtMs = now;
    return true;
  }

  private void notifyListeners() {
    listeners.forEach(l -> l.context.runOnContext(v -> l.onSwitch.run()));
  }

  private record Listener(Context context, Runnable onSwitch) {
  }
}
