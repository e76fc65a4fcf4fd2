package dev.courier.internal.metrics;

import dev.courier.internal.queue.Queues;
import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.Resp;
import dev.courier.internal.testing.ServiceWithTasks;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters that read a value the node keeps elsewhere (function counters, gauges) still read it after garbage
 * collections: Micrometer holds what they read only weakly, so a meter registered on a throwaway lambda would freeze
 * or read NaN after the first GC. Each is made to move for real after a GC (but tasks lost in a failover, which needs
 * a Sentinel switch: it is read, through the same registration as the data losses), and read back from
 * {@code GET /metrics}.
 * A node also starts without Micrometer warning of a meter registered twice.
 */
@Timeout(120)
class MetersAfterGcTest {

  @Test
  void function_meters_keep_counting_after_gc_and_no_meter_is_registered_twice() throws Exception {
    try (RedisFixture redis = RedisFixture.start();
         LogLines logs = LogLines.capture();
         TestNode app = TestNode.start(new ServiceWithTasks(new SlowTaskService("a"), new Ticks()), redis.url(),
           new JsonObject().put("role", "all").put("tasks", new JsonObject().put("concurrency", 4)))) {
      assertThat(logs.where(l -> "WARN".equals(l.getString("level"))
        && l.getString("msg", "").contains("already registered"))).as("duplicate meter warnings").isEmpty();
      collectGarbage();
      Scraped idle = scrape(app);
      assertThat(idle.value("courier_worker_tasks_running")).isZero();
      assertThat(idle.value("courier_worker_claim_inflight_ms")).as("read, not NaN").isNotNaN();
      assertThat(idle.value("courier_tasks_outcomes_lost_total")).isZero();
      assertThat(idle.value("courier_tasks_handed_back_total")).isZero();
      assertThat(idle.value("courier_queue_data_losses_total", "queue", "default")).isZero();
      assertThat(idle.value("courier_tasks_lost_total", "queue", "default")).isZero();

      // running, then an outcome lost: the running delivery is reclaimed (as after a stall past its lease), the task
      // runs again at once, and the first attempt's outcome finds another delivery owning the task
      TaskProbe probe = new TaskProbe(app);
      String id = app.node.tasks().task("slow").fire("overtaken", 1500L).await().taskId();
      until(Duration.ofSeconds(5), () -> probe.state(id).equals("running"));
      collectGarbage();
      assertThat(scrape(app).value("courier_worker_tasks_running")).isEqualTo(1);
      new Queues(app.node.redis(), app.prefix).get("default").compose(q -> q.reclaimExpired(0, 10)).await();
      until(Duration.ofSeconds(5), () -> app.node.workers().stats().lostOutcomes() == 1);
      collectGarbage();
      assertThat(scrape(app).value("courier_tasks_outcomes_lost_total")).isEqualTo(1);

      // handed back: the workers stop while claims wait in a paused Redis (riding with the outcomes of the ticks that
      // just ended, which touch no Redis themselves); what those claims bring back goes back unstarted
      for (int i = 0; i < 200; i++) {
        app.node.tasks().task("tick").fire("tick-" + i).await();
      }
      long before = app.node.workers().stats().succeeded();
      until(Duration.ofSeconds(5), () -> app.node.workers().stats().succeeded() > before + 4);
      Resp.call(redis.port(), "CLIENT", "PAUSE", "1000", "ALL");
      Thread.sleep(300);
      app.node.workers().stop().await(10, TimeUnit.SECONDS);
      collectGarbage();
      assertThat(scrape(app).value("courier_tasks_handed_back_total")).isPositive();

      // a loss: Redis flushed under the node
      Resp.call(redis.port(), "FLUSHALL");
      until(Duration.ofSeconds(10), () -> app.node.losses().count("default") == 1);
      collectGarbage();
      Scraped after = scrape(app);
      assertThat(after.value("courier_queue_data_losses_total", "queue", "default")).isEqualTo(1);
      assertThat(after.value("courier_tasks_lost_total", "queue", "default")).as("read, not NaN").isZero();
      assertThat(after.value("courier_worker_tasks_running")).as("read, not NaN").isZero();
      assertThat(after.value("courier_worker_claim_inflight_ms")).as("read, not NaN").isNotNaN();
      assertThat(after.value("courier_tasks_handed_back_total")).isPositive();
    }
  }

  /** A blocking task that touches no Redis: it ends while Redis is paused, and its claim then waits there. */
  public static final class Ticks {
    @AsyncTask(name = "tick")
    public void tick(String id) throws InterruptedException {
      Thread.sleep(50);
    }
  }

  /** Runs the collector until a weakly held canary is gone: a meter that was held only weakly is gone with it. */
  private static void collectGarbage() throws InterruptedException {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    for (int i = 0; i < 20 && canary.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(canary.get()).as("a garbage collection ran").isNull();
  }

  private static Scraped scrape(TestNode app) {
    return new Scraped(app.client.get("/metrics").send().await().bodyAsString());
  }
}
