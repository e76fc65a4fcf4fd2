package dev.courier.internal.redis;

import dev.courier.internal.testing.BlackholeProxy;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.TaskTestService;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis's host is replaced behind its address: every connection the node holds (pooled, the arrival watch's
 * {@code XREAD BLOCK}, the wake subscription) stays open and silent for ever, while new connections reach the new
 * host. Without deadlines the node hangs on them for ever; with them a call times out once, its connection and the
 * other suspect ones are dropped, and the retry takes a new one: the node stores and runs tasks again, and the wake
 * subscription (pinged, being silent by nature) is renewed so delayed tasks run too.
 */
class HostReplacedTest {

  private static final int DEADLINE_MS = 1_000;
  private static final AtomicInteger RUNS = new AtomicInteger();

  @Test
  @Timeout(90)
  void after_its_old_connections_go_silent_the_node_stores_and_runs_tasks_on_new_ones() {
    RUNS.set(0);
    try (RedisFixture redis = RedisFixture.start();
         BlackholeProxy proxy = BlackholeProxy.to(redis.host(), redis.port());
         TestNode app = TestNode.start(new TaskTestService(new CountedTasks()), proxy.url(), new JsonObject()
           .put("role", "all").put("redis", new JsonObject().put("commandTimeoutMs", DEADLINE_MS)))) {
      app.node.tasks().task("counted").fire().await();
      Eventually.until(Duration.ofSeconds(10), () -> RUNS.get() == 1);

      proxy.replaceHost();
      long replaced = System.nanoTime();
      // a fire may meet a silent pooled connection first: it fails (503 over HTTP) and the next one takes a new one
      Eventually.until(Duration.ofSeconds(20), () -> fired(app));
      long storedMs = (System.nanoTime() - replaced) / 1_000_000;
      Eventually.until(Duration.ofSeconds(30), () -> RUNS.get() >= 2);
      long ranMs = (System.nanoTime() - replaced) / 1_000_000;
      System.out.printf("HostReplacedTest: deadline %d ms; a fire was stored %d ms and ran %d ms after the host "
        + "was replaced%n", DEADLINE_MS, storedMs, ranMs);
      // a delayed task wakes the promoter through its subscription: the old one went silent, the ping found it
      long delayed = System.nanoTime();
      app.node.tasks().task("counted").delay(Duration.ofMillis(200)).fire().await();
      Eventually.until(Duration.ofSeconds(30), () -> RUNS.get() >= 3);
      System.out.printf("HostReplacedTest: a task delayed 200 ms ran %d ms after it was fired%n",
        (System.nanoTime() - delayed) / 1_000_000);
    }
  }

  private static boolean fired(TestNode app) {
    try {
      app.node.tasks().task("counted").fire().await();
      return true;
    } catch (RuntimeException e) {
      assertThat(RedisFailures.isUnavailable(e)).as("a fire on a silent connection fails as an outage: %s", e)
        .isTrue();
      return false;
    }
  }

  public static final class CountedTasks {

    @AsyncTask(name = "counted")
    public void counted() {
      RUNS.incrementAndGet();
    }
  }
}
