package dev.courier.internal.worker;

import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.redis.MasterSwitchWatch;
import dev.courier.internal.redis.RedisClients;
import dev.courier.internal.redis.RedisHealth;
import dev.courier.internal.task.CarriedClaims;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.internal.task.RedisTaskClient;
import dev.courier.internal.task.TaskRegistry;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.trace.Tracing;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static dev.courier.internal.testing.Eventually.until;
import static dev.courier.internal.worker.HomeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bug of issue 14, item 2: the API opens a queue (a fire) before the workers start, on its own event loop, and the
 * workers used to go on on that loop for good. Now every queue future answers on the caller's context, the workers
 * run on their home loop, and every runtime class checks it: a check that failed would escape to Vert.x's exception
 * handler (or fail the deploy). Task bodies run on the lane, never on the home loop or the API's loop. (The home loop
 * may share its thread with the API's: it keeps apart from the lanes only, and the check compares contexts.)
 */
@Timeout(60)
public class HomeLoopOwnershipTest {

  /** Where task bodies ran. */
  public static final class Bodies {
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    @AsyncTask(name = "homeLoopOnLane")
    public Future<Void> onLane(String tag) {
      threads.add(Thread.currentThread());
      return Future.succeededFuture();
    }

    @AsyncTask(name = "homeLoopBlocking")
    public void blocking(String tag) {
    }
  }

  @Test
  void a_queue_opened_on_an_api_loop_before_the_workers_start_leaves_them_on_their_home_loop() {
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    Vertx vertx = Vertx.vertx();
    vertx.exceptionHandler(escaped::add);
    try (RedisFixture redis = RedisFixture.start()) {
      String prefix = RedisFixture.uniquePrefix();
      CourierConfig config = TestNode.workerConfig(redis.url(), prefix);
      Redis shared = RedisClients.create(vertx, config.redis());
      Redis dedicated = RedisClients.create(vertx, config.redis(), RedisClients.DEDICATED, new RedisHealth());
      Queues queues = new Queues(shared, prefix);
      TaskRegistry registry = new TaskRegistry(3, Duration.ofSeconds(30));
      Bodies bodies = new Bodies();
      registry.register(bodies);
      EnvelopeSigner signer = new EnvelopeSigner(config.tasks().signingKeys());
      RedisTaskClient client = RedisTaskClient.forNode(registry, queues, signer, 64 * 1024, Clock.systemUTC(), null,
        Tracing.idsOnly(), TaskMeters.NONE, 60_000, new CarriedClaims(List.of()));
      ContextInternal api = ((VertxInternal) vertx).createEventLoopContext(); // an API verticle's loop
      Thread apiThread = on(api, () -> Future.succeededFuture(Thread.currentThread()));

      WorkerHealth health = new WorkerHealth();
      WorkerRuntime workers = new WorkerRuntime(vertx, new WorkerResources(config.tasks(), queues, dedicated,
        registry, signer, health, Clock.systemUTC(), Tracing.idsOnly(), TaskMeters.NONE,
        MasterSwitchWatch.none(vertx)), List.of("default"));
      // Redis holds every command for 500 ms: a fire on the API's loop has begun to open the queue there when the
      // workers start and ask for it too, so its open completes on the API's loop, as in the window of the bug
      await(RedisAPI.api(shared).client(List.of("PAUSE", "500", "ALL")));
      Promise<Object> firstFire = Promise.promise();
      on(api, () -> {
        Future<?> fire = client.task("homeLoopOnLane").fire("first");
        fire.map(r -> (Object) r).onComplete(firstFire);
        return queues.get("default").map(q -> (Object) q).otherwiseEmpty().isComplete()
          ? Future.failedFuture("the queue was open already") : Future.succeededFuture();
      });
      await(workers.deploy());
      await(firstFire.future());
      for (int i = 0; i < 20; i++) { // fires from the API's loop while the workers run: claims, arrivals, outcomes
        String tag = "more-" + i;
        String task = i % 2 == 0 ? "homeLoopOnLane" : "homeLoopBlocking";
        on(api, () -> client.task(task).fire(tag));
      }
      until(Duration.ofSeconds(20), () -> workers.stats().succeeded() == 21);
      await(workers.stop());

      HomeLoop home = workers.home();
      Thread homeThread = await(home.run(() -> Future.succeededFuture(Thread.currentThread())));
      long checks = await(home.run(() -> Future.succeededFuture(home.passed())));
      assertThat(escaped).as("no runtime class ran off its home loop").isEmpty();
      assertThat(checks).as("the runtime's classes checked their loop").isGreaterThan(100);
      assertThat(bodies.threads).as("Future bodies ran on the lanes only").isNotEmpty()
        .doesNotContain(homeThread, apiThread);
      await(shared.close().compose(v -> dedicated.close()));
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T on(ContextInternal context, Supplier<Future<T>> action) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(done));
    return await(done.future());
  }
}
