package dev.courier.internal.worker;

import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/** Graceful shutdown, Redis outages and two worker nodes on one queue, with real nodes and a real Redis. */
class WorkerResilienceTest {

  private static JsonObject all(int concurrency, int graceSeconds) {
    return new JsonObject().put("role", "all").put("tasks", new JsonObject().put("concurrency", concurrency)
      .put("shutdownGraceSeconds", graceSeconds).put("leaseSeconds", 5));
  }

  private static String fire(TestNode app, String id, long millis) {
    return app.node.tasks().task("slow").fire(id, millis).await().taskId();
  }

  @Test
  void shutdown_lets_a_running_task_finish_within_the_grace_period() {
    TestNode app = TestNode.start(new SlowTaskService("a"), RedisFixture.shared().url(), all(4, 10));
    TaskProbe probe = new TaskProbe(app);
    String id = fire(app, "graceful", 1500);
    until(Duration.ofSeconds(5), () -> probe.state(id).equals("running"));
    app.close();
    try (TestNode reader = TestNode.start(new SlowTaskService("r"), RedisFixture.shared().url(), app.prefix,
      new JsonObject())) {
      TaskProbe after = new TaskProbe(reader);
      assertThat(after.count(SlowTaskService.finishes(app.prefix), "graceful")).isEqualTo(1);
      assertThat(after.state(id)).isEqualTo("succeeded");
    }
  }

  @Test
  void a_task_still_running_after_the_grace_period_stays_leased_and_another_node_finishes_it() {
    String url = RedisFixture.shared().url();
    TestNode first = TestNode.start(new SlowTaskService("first"), url, all(4, 1));
    String prefix = first.prefix;
    TaskProbe probe = new TaskProbe(first);
    String id = fire(first, "outlived", 60_000);
    until(Duration.ofSeconds(5), () -> probe.state(id).equals("running"));
    first.close();
    try (TestNode second = TestNode.start(new SlowTaskService("second"), url, prefix, all(4, 5))) {
      TaskProbe after = new TaskProbe(second);
      assertThat(after.state(id)).as("left leased, not lost").isEqualTo("running");
      until(Duration.ofSeconds(20), () -> after.state(id).equals("succeeded"));
      assertThat(after.get(SlowTaskService.finishedBy(prefix), "outlived")).isEqualTo("second");
      assertThat(after.status(id).attempts()).isEqualTo(2);
    }
  }

  @Test
  void workers_pause_while_redis_is_down_and_resume_when_it_returns() {
    try (RedisFixture redis = RedisFixture.start();
         // Redis comes back empty: readiness would report the lost data for a while (DataLossTest)
         TestNode app = TestNode.start(new SlowTaskService("a"), redis.url(),
           all(4, 5).put("redis", new JsonObject().put("lossReportSeconds", 0)))) {
      TaskProbe probe = new TaskProbe(app);
      String before = fire(app, "before-outage", 1);
      until(Duration.ofSeconds(5), () -> probe.state(before).equals("succeeded"));
      redis.stop();
      until(Duration.ofSeconds(10), () -> app.client.get("/health/ready").send().await().statusCode() == 503);
      redis.restart();
      until(Duration.ofSeconds(15), () -> app.client.get("/health/ready").send().await().statusCode() == 200);
      String after = fire(app, "after-outage", 1);
      until(Duration.ofSeconds(10), () -> probe.state(after).equals("succeeded"));
    }
  }

  @Test
  void two_worker_nodes_share_a_queue_and_run_each_task_once() {
    String url = RedisFixture.shared().url();
    try (TestNode a = TestNode.start(new SlowTaskService("a"), url, all(4, 5));
         TestNode b = TestNode.start(new SlowTaskService("b"), url, a.prefix,
           new JsonObject().put("role", "worker").put("tasks", new JsonObject().put("concurrency", 4)))) {
      TaskProbe probe = new TaskProbe(a);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ids.add(fire(a, "shared-" + i, 50));
      }
      until(Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> probe.state(id).equals("succeeded")));
      int byA = 0;
      for (int i = 0; i < 60; i++) {
        assertThat(probe.count(SlowTaskService.starts(a.prefix), "shared-" + i)).isEqualTo(1);
        assertThat(probe.count(SlowTaskService.finishes(a.prefix), "shared-" + i)).isEqualTo(1);
        byA += "a".equals(probe.get(SlowTaskService.finishedBy(a.prefix), "shared-" + i)) ? 1 : 0;
      }
      assertThat(byA).as("both nodes took tasks").isBetween(1, 59);
    }
  }
}
