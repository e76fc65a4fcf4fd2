package dev.courier.internal.worker;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.context.CallContext;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.TestNode;
import dev.courier.api.Reply;
import dev.courier.task.AsyncTask;
import io.vertx.core.Future;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis frozen (SIGSTOP) for longer than a lease while tasks run on a live worker: nobody could renew, so every lease
 * looks expired when Redis goes on. The recoverer must let the live worker renew first, and run nothing twice.
 */
class RedisStallTest {

  private static final int TASKS = 6;
  private static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
  private static final AtomicInteger FINISHED = new AtomicInteger();

  @Test
  void aStallPastTheLeaseDuplicatesNoTaskOfALiveWorker() throws Exception {
    STARTS.clear();
    FINISHED.set(0);
    JsonObject config = new JsonObject().put("role", "all")
      .put("tasks", new JsonObject().put("leaseSeconds", 5).put("concurrency", 8));
    try (RedisFixture redis = RedisFixture.start();
         TestNode app = TestNode.start(new HoldingService(), redis.url(), config)) {
      for (int i = 0; i < TASKS; i++) {
        app.node.tasks().task("hold").fire(9_000L).await();
      }
      Eventually.until(Duration.ofSeconds(10), () -> STARTS.size() == TASKS);

      redis.freeze();
      Thread.sleep(7_000); // longer than the 5 s lease: every running entry idles past it
      redis.thaw();

      Eventually.until(Duration.ofSeconds(20), () -> FINISHED.get() >= TASKS);
      Thread.sleep(3_000); // room for a wrongly re-queued task to start again
      assertThat(STARTS.values()).extracting(AtomicInteger::get).containsOnly(1);
    }
  }

  /** One blocking task that holds its worker for a while, counting its runs by task id. */
  static final class HoldingService implements CourierService {

    @Override
    public String contract() {
      return "openapi/test-bare.yaml";
    }

    @Override
    public void setup(ServiceSetup setup) {
      setup.tasks(new HoldingTasks())
        .operation("ping", request -> Future.succeededFuture(Reply.ok(new JsonObject())));
    }
  }

  public static final class HoldingTasks {

    @AsyncTask(name = "hold", maxAttempts = 3, timeoutSeconds = 60)
    public void hold(long millis) throws InterruptedException {
      STARTS.computeIfAbsent(CallContext.current().taskId(), id -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(millis); // a blocking task: it runs on the node's task pool, never an event loop
      FINISHED.incrementAndGet();
    }
  }
}
