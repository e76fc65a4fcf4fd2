package dev.courier.reliability;

import dev.courier.internal.auth.TokenMinter;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous {@code POST /v1/emails} at a fixed rate from a Vert.x timer (never more than {@code maxInFlight} at
 * once), keeping every task id a 202 answered, and counting the other answers by status (0: no answer at all, e.g. a
 * refused or reset connection). {@link #markFault()} notes when a fault was made, so the first 202 after it gives
 * the recovery time. How long each answer took is kept in 50 ms buckets ({@link #slowerThan}). Runs on its own Vert.x
 * instance, apart from any node's.
 */
public final class HttpFireLoad implements AutoCloseable {

  private static final long TICK_MS = 20;
  private static final int BUCKET_MS = 50;

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final String bearer;
  private final int perTick;
  private final int maxInFlight;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicInteger> others = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger acceptedCount = new AtomicInteger();
  private final boolean keepIds;
  private final AtomicLong faultAt = new AtomicLong();
  private final AtomicLong firstAcceptAfterFault = new AtomicLong();
  private final Queue<String> acceptedAfterFault = new ConcurrentLinkedQueue<>();
  private final AtomicLong firstNewAcceptAfterFault = new AtomicLong();
  private final AtomicIntegerArray latencies = new AtomicIntegerArray(1 + 60_000 / BUCKET_MS);
  private final AtomicLong slowest = new AtomicLong();
  private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
  private volatile int port;
  private long timer = -1;

  public HttpFireLoad(int port, int perSecond, int maxInFlight) {
    this(port, perSecond, maxInFlight, true);
  }

  /** @param keepIds false for long runs that only count their 202s (ids would fill the heap) */
  public HttpFireLoad(int port, int perSecond, int maxInFlight, boolean keepIds) {
    this.keepIds = keepIds;
    this.port = port;
    this.perTick = Math.max(1, (int) (perSecond * TICK_MS / 1000));
    this.maxInFlight = maxInFlight;
    // Idle connections leave the pool after 20 s unused (checked when one is leased: no race), well before the node's
    // idle timeout; an idle timeout on this side would close a connection just as the pool hands it out, and that
    // request would get no answer (6 in the first 30-minute soak)
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setConnectTimeout(2_000).setKeepAliveTimeout(20), new PoolOptions().setHttp1MaxSize(Math.max(8, maxInFlight)));
    // a day-long token: Tokens.bearer's 5 minutes would turn a long run into 401s half-way
    this.bearer = "Bearer " + TokenMinter.mint(vertx, "HS256", TestNode.SECRET, Tokens.claims("reliability-load"),
      86_400);
  }

  /** Aims later requests at another port (a node started again elsewhere). */
  public void retarget(int newPort) {
    this.port = newPort;
  }

  public HttpFireLoad start() {
    timer = vertx.setPeriodic(TICK_MS, id -> {
      for (int i = 0; i < perTick && inFlight.get() < maxInFlight; i++) {
        fireOne();
      }
    });
    return this;
  }

  private void fireOne() {
    inFlight.incrementAndGet();
    int n = sent.incrementAndGet();
    long start = System.nanoTime();
    long sentAt = System.currentTimeMillis();
    client.post(port, "127.0.0.1", "/v1/emails").putHeader("Authorization", bearer).timeout(30_000)
      .sendJsonObject(new JsonObject().put("to", "user" + n + "@example.com"))
      .onComplete(ar -> {
        inFlight.decrementAndGet();
        long ms = (System.nanoTime() - start) / 1_000_000;
        latencies.incrementAndGet((int) Math.min(ms / BUCKET_MS, latencies.length() - 1));
        slowest.accumulateAndGet(ms, Math::max);
        if (ar.succeeded() && ar.result().statusCode() == 202) {
          acceptedCount.incrementAndGet();
          String id = null;
          if (keepIds) {
            Buffer body = ar.result().body();
            id = body.toJsonObject().getString("task_id");
            accepted.add(id);
          }
          long mark = faultAt.get();
          if (mark != 0) {
            firstAcceptAfterFault.compareAndSet(0, System.currentTimeMillis());
            if (sentAt >= mark) {
              firstNewAcceptAfterFault.compareAndSet(0, System.currentTimeMillis());
              if (id != null) {
                acceptedAfterFault.add(id);
              }
            }
          }
        } else {
          int status = ar.succeeded() ? ar.result().statusCode() : 0;
          if (status == 503 && ar.result().getHeader("Retry-After") == null) {
            unavailableWithoutRetryAfter.incrementAndGet();
          }
          others.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
          if (ar.failed() && (failures.size() < 20 || failures.containsKey(why(ar.cause())))) {
            failures.computeIfAbsent(why(ar.cause()), w -> new AtomicInteger()).incrementAndGet();
          }
        }
      });
  }

  private static String why(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    return failure.getClass().getSimpleName() + ": " + message.substring(0, Math.min(120, message.length()));
  }

  /** Why requests got no answer at all (exception class and message), with counts; at most 20 kinds. */
  public Map<String, Integer> failures() {
    Map<String, Integer> copy = new TreeMap<>();
    failures.forEach((why, count) -> copy.put(why, count.get()));
    return copy;
  }

  /** Notes now as the moment of a fault; {@link #recoveryMillis()} is measured from the latest mark. */
  public void markFault() {
    firstAcceptAfterFault.set(0);
    firstNewAcceptAfterFault.set(0);
    acceptedAfterFault.clear();
    faultAt.set(System.currentTimeMillis());
  }

  /** Milliseconds from the latest {@link #markFault()} to the first 202 after it, or -1 if none came yet. */
  public long recoveryMillis() {
    long first = firstAcceptAfterFault.get();
    return first == 0 ? -1 : first - faultAt.get();
  }

  /**
   * Milliseconds from the latest {@link #markFault()} to the first 202 of a fire sent after it (not one held since
   * before), or -1 if none came yet.
   */
  public long newFireRecoveryMillis() {
    long first = firstNewAcceptAfterFault.get();
    return first == 0 ? -1 : first - faultAt.get();
  }

  /** Ids of fires sent after the latest {@link #markFault()} and answered 202, in answer order (kept ids only). */
  public List<String> acceptedAfterFault() {
    return List.copyOf(acceptedAfterFault);
  }

  /** Answers (of any status, or none) that took {@code ms} or more, to the 50 ms below. */
  public int slowerThan(long ms) {
    int n = 0;
    for (int i = (int) (ms / BUCKET_MS); i < latencies.length(); i++) {
      n += latencies.get(i);
    }
    return n;
  }

  /** 503 answers that did not say when to retry (no {@code Retry-After}). */
  public int unavailableWithoutRetryAfter() {
    return unavailableWithoutRetryAfter.get();
  }

  /** The longest any answer (or failure) took, in ms. */
  public long slowestMillis() {
    return slowest.get();
  }

  /** Stops firing and waits (at most 60 s) for the answers still in flight. */
  public void stop() throws Exception {
    Promise<Void> drained = Promise.promise();
    vertx.runOnContext(v -> {
      vertx.cancelTimer(timer);
      vertx.setPeriodic(20, id -> {
        if (inFlight.get() == 0) {
          vertx.cancelTimer(id);
          drained.tryComplete();
        }
      });
    });
    Future<Void> done = drained.future();
    done.await(60, TimeUnit.SECONDS);
  }

  public Set<String> accepted() {
    return accepted;
  }

  /** 202s so far (kept ids or not). */
  public int acceptedCount() {
    return acceptedCount.get();
  }

  public int sent() {
    return sent.get();
  }

  /** Answers other than 202, by status (0 = no HTTP answer). */
  public Map<Integer, Integer> others() {
    Map<Integer, Integer> copy = new TreeMap<>();
    others.forEach((status, count) -> copy.put(status, count.get()));
    return copy;
  }

  @Override
  public void close() {
    client.close();
    vertx.close().await();
  }
}
