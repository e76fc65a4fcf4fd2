package dev.courier.internal.worker;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.queue.Reclaimed;
import dev.courier.internal.queue.WorkQueue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.RedisConnection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A {@link WorkQueue} without Redis for the runtime's unit tests: it records every call, and the test answers each one
 * when it likes ({@link Call#succeed}, {@link Call#fail}) or never. As with Redis, an answer comes back on the context
 * that made the call.
 */
final class FakeWorkQueue implements WorkQueue {

  /** One call the runtime made, waiting for the test's answer. */
  static final class Call<T> {
    final String method;
    final List<Object> args;
    private final Promise<T> answer;

    private Call(String method, List<Object> args, Promise<T> answer) {
      this.method = method;
      this.args = args;
      this.answer = answer;
    }

    @SuppressWarnings("unchecked")
    <A> A arg(int i) {
      return (A) args.get(i);
    }

    void succeed(T value) {
      answer.complete(value);
    }

    void fail(Throwable err) {
      answer.fail(err);
    }
  }

  private final QueueKeys keys;
  private final List<Call<?>> all = new ArrayList<>();
  private final ConcurrentHashMap<String, BlockingQueue<Call<?>>> unseen = new ConcurrentHashMap<>();
  private final BlockingQueue<String> log;
  volatile LongConsumer onDue; // what subscribeWake was given: the test sends wake messages through it

  FakeWorkQueue(String name) {
    this(name, new LinkedBlockingQueue<>());
  }

  /** @param log gets {@code <queue>:<method>} for each call, shared by several queues to see which was called first */
  FakeWorkQueue(String name, BlockingQueue<String> log) {
    this.keys = new QueueKeys("fake", name);
    this.log = log;
  }

  /** @return the next call of {@code method} not yet taken by the test, waiting up to 5 s for it */
  @SuppressWarnings("unchecked")
  <T> Call<T> next(String method) {
    try {
      Call<?> call = pending(method).poll(5, TimeUnit.SECONDS);
      if (call == null) {
        throw new AssertionError("no call of " + method + " within 5 s; calls so far: " + methods());
      }
      return (Call<T>) call;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** @return how many calls of {@code method} the test has not taken yet */
  int waiting(String method) {
    return pending(method).size();
  }

  /** @return the methods called so far, in order */
  synchronized List<String> methods() {
    return all.stream().map(c -> c.method).toList();
  }

  private BlockingQueue<Call<?>> pending(String method) {
    return unseen.computeIfAbsent(method, m -> new LinkedBlockingQueue<>());
  }

  private <T> Future<T> record(String method, Object... args) {
    ContextInternal caller = ContextInternal.current();
    Promise<T> answer = caller == null ? Promise.promise() : caller.promise();
    Call<T> call = new Call<>(method, List.of(args), answer);
    synchronized (this) {
      all.add(call);
    }
    pending(method).add(call);
    log.add(keys.queue() + ":" + method);
    return answer.future();
  }

  @Override
  public QueueKeys keys() {
    return keys;
  }

  @Override
  public Future<Claimed> claim(String consumer, int count, long nowMs, long deadRetentionMs,
                               List<Completion> finished, long retentionMs) {
    return record("claim", consumer, count, List.copyOf(finished));
  }

  @Override
  public Future<Boolean> awaitNew(RedisConnection conn, String fromId, long blockMs) {
    return record("awaitNew", fromId, blockMs);
  }

  @Override
  public Future<Set<String>> renew(String consumer, Collection<String> entryIds) {
    return record("renew", consumer, List.copyOf(entryIds));
  }

  @Override
  public Future<List<Boolean>> complete(List<Completion> completions, long nowMs, long retentionMs) {
    return record("complete", List.copyOf(completions));
  }

  @Override
  public Future<Integer> release(List<Claim> claims) {
    return record("release", List.copyOf(claims));
  }

  @Override
  public Future<Long> defer(Claim c, long nowMs, long firstWaitMs, long maxWaitMs, double jitter, String why) {
    return record("defer", c, why);
  }

  @Override
  public Future<Integer> pruneConsumers(long minIdleMs, String consumer) {
    return record("pruneConsumers", minIdleMs, consumer == null ? "" : consumer);
  }

  @Override
  public Future<Boolean> retry(Claim c, String newEnvelope, long dueAtMs, String error, long nowMs) {
    return record("retry", c, dueAtMs, error);
  }

  @Override
  public Future<Boolean> bury(Claim c, String reason, long nowMs, long retentionMs) {
    return record("bury", c, reason);
  }

  @Override
  public Future<Reclaimed> reclaimExpired(long minIdleMs, int limit, String cursor, long notAfterRedisMs) {
    return record("reclaimExpired", cursor, notAfterRedisMs);
  }

  @Override
  public Future<Long> promoteDue(long nowMs, int limit) {
    return record("promoteDue", nowMs, limit);
  }

  @Override
  public Future<RedisConnection> subscribeWake(Supplier<Future<RedisConnection>> connect, LongConsumer onDue) {
    this.onDue = onDue;
    return record("subscribeWake");
  }

  @Override
  public Future<Long> redisTimeMs() {
    return record("redisTimeMs");
  }
}
