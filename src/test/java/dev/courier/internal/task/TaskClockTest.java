package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.task.AsyncTask;

import dev.courier.internal.testing.Eventually;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.launch.CourierNode;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.task.TaskState;
import dev.courier.internal.testing.MutableClock;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task times are stamped from the node's injected clock when a task is fired, and a task falls due by Redis's clock
 * (promoteDue reads Redis's TIME), so nodes whose clocks disagree promote alike: a node whose clock jumps ahead runs
 * nothing early.
 */
class TaskClockTest {

  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  public static final class Recorder {
    @AsyncTask
    public void record(String runId) {
      RUNS.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private final MutableClock clock = new MutableClock();
  private Vertx vertx;
  private CourierNode node;
  private RedisQueue queue;

  @BeforeEach
  void start() throws Exception {
    String prefix = RedisFixture.uniquePrefix();
    JsonObject config = TestNode.config(RedisFixture.shared().url(), prefix, new JsonObject().put("role", "all"));
    vertx = Vertx.vertx();
    node = CourierNode.start(vertx, ConfigLoader.fromJson(config, Map.of()), new TaskTestService(new Recorder()), clock)
      .await(20, TimeUnit.SECONDS);
    queue = new Queues(node.redis(), prefix).get("default").await();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      node.close().await(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().await();
    }
  }

  private TaskState state(String id) {
    return queue.status(id).await().state();
  }

  @Test
  void a_task_due_tomorrow_waits_for_redis_to_say_tomorrow_not_the_nodes_clock() throws InterruptedException {
    String later = "later-" + System.nanoTime();
    String laterId = node.tasks().task("record").delay(Duration.ofHours(24)).fire(later).await().taskId();
    String now = "now-" + System.nanoTime();
    String nowId = node.tasks().task("record").fire(now).await().taskId();
    Eventually.until(Duration.ofSeconds(5), () -> state(nowId), s -> s == TaskState.SUCCEEDED);
    assertThat(state(laterId)).isEqualTo(TaskState.DELAYED);

    clock.advance(Duration.ofHours(24));
    String soon = "soon-" + System.nanoTime();
    String soonId = node.tasks().task("record").delay(Duration.ofSeconds(1)).fire(soon).await().taskId();
    Thread.sleep(2_500);

    assertThat(state(laterId)).as("due by the node's clock only").isEqualTo(TaskState.DELAYED);
    assertThat(state(soonId)).isEqualTo(TaskState.DELAYED);
    assertThat(RUNS).doesNotContainKeys(later, soon);
    assertThat(RUNS.get(now)).hasValue(1);
  }
}
