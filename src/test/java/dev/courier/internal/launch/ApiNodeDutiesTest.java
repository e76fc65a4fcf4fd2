package dev.courier.internal.launch;

import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.TaskReceipt;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the workers scaled to zero, an API-only node still moves tasks to {@code ready}: delayed tasks when they fall
 * due, and tasks whose worker went away when their lease expires. So the queue's depth (what an autoscaler watches)
 * grows, and a worker started then runs them at once.
 */
@Timeout(90)
class ApiNodeDutiesTest {

  private final String url = RedisFixture.shared().url();
  private final String prefix = RedisFixture.uniquePrefix();

  @Test
  void an_api_node_alone_queues_a_delayed_task_when_due_and_a_worker_started_later_runs_it_at_once() {
    try (TestNode api = TestNode.start(new SlowTaskService("api"), url, prefix, new JsonObject()
      .put("metrics", new JsonObject().put("queueRefreshSeconds", 1)))) {
      assertThat(api.node.workers()).as("an API-only node").isNull();
      TaskProbe probe = new TaskProbe(api);
      TaskReceipt fired = api.node.tasks().task("slow").delay(Duration.ofSeconds(2)).fire("later", 1L).await();
      assertThat(probe.state(fired.taskId())).isEqualTo("delayed");

      until(Duration.ofSeconds(5), () -> probe.state(fired.taskId()).equals("queued"));
      long lateMs = System.currentTimeMillis() - fired.dueAt().toEpochMilli();
      assertThat(lateMs).as("ms from its due time to ready").isLessThan(1000);
      until(Duration.ofSeconds(5), () -> readyGauge(api) == 1); // what a queue-depth autoscaler reads

      long before = System.nanoTime();
      try (TestNode worker = TestNode.start(new SlowTaskService("w"), url, prefix,
        new JsonObject().put("role", "worker"))) {
        long started = System.nanoTime();
        until(Duration.ofSeconds(5), () -> probe.state(fired.taskId()).equals("succeeded"));
        System.out.printf("worker start %d ms, then ran the task within %d ms%n", (started - before) / 1_000_000,
          (System.nanoTime() - started) / 1_000_000);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms from the worker's start to the task's end")
          .isLessThan(2000);
      }
    }
  }

  @Test
  void an_api_node_alone_requeues_a_task_whose_worker_stopped_before_it_ended() {
    JsonObject lease = new JsonObject().put("tasks", new JsonObject().put("leaseSeconds", 5)
      .put("shutdownGraceSeconds", 0));
    try (TestNode api = TestNode.start(new SlowTaskService("api"), url, prefix, lease.copy())) {
      TaskProbe probe = new TaskProbe(api);
      String id;
      try (TestNode worker = TestNode.start(new SlowTaskService("w"), url, prefix,
        lease.copy().put("role", "worker"))) {
        id = worker.node.tasks().task("slow").fire("left-leased", 60_000L).await().taskId();
        until(Duration.ofSeconds(5), () -> probe.state(id).equals("running"));
      } // no grace: the task is left leased, and no worker is left
      until(Duration.ofSeconds(20), () -> probe.state(id).equals("queued"));
      assertThat(probe.status(id).attempts()).isEqualTo(1);
    }
  }

  private static double readyGauge(TestNode node) {
    String text = node.client.get("/metrics").send().await().bodyAsString();
    return text.lines().filter(l -> l.startsWith("courier_queue_tasks{") && l.contains("state=\"ready\"")
        && l.contains("queue=\"default\""))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
  }
}
