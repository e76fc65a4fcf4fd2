package dev.courier.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.redis.RedisFailures;
import dev.courier.internal.redis.RedisTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coalescing queue of fires is bounded while Redis does not answer (here: script calls that never return): a
 * fire fails by its deadline, one still waiting then is never sent, and one beyond the cap is refused at once.
 */
@Timeout(30)
class EnqueuerBoundsTest {

  private static final long DEADLINE_MS = 300;
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger sentTasks = new AtomicInteger();
  // script calls that never answer, as on a silent connection
  private Enqueuer enqueuer = silent(DEADLINE_MS);

  private Enqueuer silent(long deadlineMs) {
    return new Enqueuer(tasks -> {
      sentTasks.addAndGet(tasks.size());
      return Promise.<Enqueued>promise().future();
    }, deadlineMs);
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static List<NewTask> tasks(int n) {
    List<NewTask> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tasks.add(new NewTask("id-" + i + "-" + System.nanoTime(), "t", null, "{}", 0, 0, 1, null, 0));
    }
    return tasks;
  }

  /** Submits on an event loop, as an HTTP handler fires. */
  private Future<Enqueued> submit(int n) {
    Promise<Future<Enqueued>> submitted = Promise.promise();
    vertx.runOnContext(v -> submitted.complete(enqueuer.submit(tasks(n))));
    return submitted.future().await();
  }

  @Test
  void a_fire_behind_calls_that_never_return_fails_by_its_deadline_and_is_never_sent() throws Exception {
    Future<Enqueued> first = submit(1);
    Future<Enqueued> second = submit(1);
    Future<Enqueued> waiting = submit(1); // two calls in flight: this one waits
    Throwable failure = waiting.transform(ar -> Future.succeededFuture(ar.cause()))
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(RedisTimeoutException.class);
    assertThat(RedisFailures.isUnavailable(failure)).as("an outage: HTTP 503").isTrue();
    assertThat(first.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(10, TimeUnit.SECONDS))
      .as("a fire already sent fails by its deadline too").isInstanceOf(RedisTimeoutException.class);
    assertThat(second.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(10, TimeUnit.SECONDS))
      .isInstanceOf(RedisTimeoutException.class);
    assertThat(sentTasks.get()).as("the waiting fire was dropped, not sent late").isEqualTo(2);
  }

  @Test
  void a_fire_beyond_the_cap_is_refused_at_once() {
    enqueuer = silent(0); // no deadline: a slow test machine must not empty the queue before it is full
    submit(Enqueuer.MAX_BATCH);
    submit(Enqueuer.MAX_BATCH); // both calls in flight, never answered
    for (int i = 0; i < Enqueuer.MAX_WAITING / Enqueuer.MAX_BATCH; i++) {
      assertThat(submit(Enqueuer.MAX_BATCH).isComplete()).as("waiting, within the cap").isFalse();
    }
    Future<Enqueued> refused = submit(1);
    assertThat(refused.failed()).as("refused at once").isTrue();
    assertThat(refused.cause()).isInstanceOf(RedisTimeoutException.class).hasMessageContaining("already wait");
  }
}
