package dev.courier.internal.worker;

import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.Queues;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.ServiceWithTasks;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/** After stop begins no task starts; what was claimed but not started is back in the queue at once. */
class WorkerStopTest {

  private static final Map<String, Long> startedAt = new ConcurrentHashMap<>();

  /** Counts its starts, then takes 30 ms on a timer. */
  public static final class Ticks {
    private final Vertx vertx;

    Ticks(Vertx vertx) {
      this.vertx = vertx;
    }

    @AsyncTask(name = "tick")
    public Future<Void> tick(String id) {
      startedAt.put(id, System.currentTimeMillis());
      return vertx.timer(30).mapEmpty();
    }
  }

  @Test
  void a_stopping_node_starts_nothing_new_and_leaves_no_task_leased() throws Exception {
    Vertx vertx = Vertx.vertx();
    String url = RedisFixture.shared().url();
    TestNode app = TestNode.start(new ServiceWithTasks(new SlowTaskService("s"), new Ticks(vertx)), url,
      new JsonObject().put("role", "all").put("tasks", new JsonObject().put("concurrency", 16)));
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        ids.add("t" + i);
      }
      for (String id : ids) {
        app.node.tasks().task("tick").fire(id).await();
      }
      until(Duration.ofSeconds(10), () -> startedAt.size() >= 40);
      WorkerStats stats = app.node.workers().stats();

      app.node.close().await(30, TimeUnit.SECONDS);
      long closedAt = System.currentTimeMillis();

      long stopBegan = stats.stopBeganAtMs();
      // running tasks take 30 ms and a claim in flight is handed back when it returns: well within a second
      assertThat(closedAt - stopBegan).as("ms from stop to nothing leased").isLessThan(1000);
      assertThat(stopBegan).isPositive();
      assertThat(startedAt.values()).as("no task started after stop began").allMatch(t -> t <= stopBegan);
      assertThat(startedAt.size()).as("the node stopped before the queue drained").isLessThan(ids.size());
      Redis redis = Redis.createClient(vertx, url);
      try {
        QueueCounts counts = new Queues(redis, app.prefix).get("default").compose(q -> q.counts()).await();
        assertThat(counts.pending()).as("nothing left leased").isZero();
        assertThat(counts.ready()).as("every unfinished task is back in ready")
          .isEqualTo(ids.size() - startedAt.size());
      } finally {
        redis.close();
      }
    } finally {
      app.vertx.close().await();
      vertx.close().await();
    }
  }
}
