package dev.courier.internal.redis;

import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.Resp;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis losing a queue's data is never silent: flushed, or restarted without persistence, a real Redis under real
 * nodes. Every node that knew the queue logs the loss at ERROR with what it last counted, counts it per queue, and
 * reports it in its health detail ({@code data}) and admin API for {@code redis.lossReportSeconds}; readiness stays up
 * (the nodes can serve: Redis answers), unless an operator sets {@code redis.lossFailsReadiness}. The queue then works
 * again. A Redis without an append-only file is warned about at start-up.
 */
class DataLossTest {

  private static JsonObject all() {
    return new JsonObject().put("role", "all").put("tasks", new JsonObject().put("concurrency", 4)
      .put("leaseSeconds", 5));
  }

  @Test
  void a_flushed_redis_is_logged_counted_and_reported_by_api_and_worker_nodes_which_stay_ready() throws Exception {
    String prefix = RedisFixture.uniquePrefix();
    try (RedisFixture redis = RedisFixture.start();
         LogLines logs = LogLines.capture();
         TestNode api = TestNode.start(new SlowTaskService("api"), redis.url(), prefix, new JsonObject());
         TestNode worker = TestNode.start(new SlowTaskService("w"), redis.url(), prefix,
           all().put("role", "worker"))) {
      assertThat(logs.where(l -> "WARN".equals(l.getString("level"))
        && l.getString("msg", "").contains("no append-only file"))).as("start-up warning").hasSize(2);
      for (int i = 0; i < 3; i++) {
        api.node.tasks().task("slow").delay(Duration.ofMinutes(10)).fire("later-" + i, 1L).await();
      }
      Thread.sleep(2_500); // at least one check has counted the 3 delayed tasks
      assertThat(ready(api).bodyAsJsonObject().getJsonObject("data"))
        .isEqualTo(new JsonObject().put("status", "ok").put("losses", new JsonArray()).put("report_seconds", 300));

      Resp.call(redis.port(), "FLUSHALL");

      for (TestNode node : List.of(api, worker)) {
        HttpResponse<Buffer> ready = until(Duration.ofSeconds(10), () -> ready(node),
          r -> r.statusCode() != 200 || "lost".equals(r.bodyAsJsonObject().getJsonObject("data").getString("status")));
        assertThat(ready.statusCode()).as("ready: the node can serve").isEqualTo(200);
        JsonObject loss = ready.bodyAsJsonObject().getJsonObject("data").getJsonArray("losses").getJsonObject(0);
        assertThat(loss.getString("queue")).isEqualTo("default");
        assertThat(loss.getString("known")).contains("3 delayed").contains("those tasks are gone");
        assertThat(node.node.losses().count("default")).isEqualTo(1);
        assertThat(metric(node, "courier_queue_data_losses_total", "queue=\"default\"")).isEqualTo(1);
      }
      List<JsonObject> errors = logs.where(l -> "ERROR".equals(l.getString("level"))
        && l.getString("msg", "").contains("Redis lost the data of queue 'default'"));
      assertThat(errors).as("one ERROR line per node").hasSize(2);
      assertThat(errors).allSatisfy(e -> assertThat(e.getString("msg")).contains("3 delayed"));
      HttpResponse<Buffer> queues = api.client.get("/admin/api/queues")
        .putHeader("Authorization", Tokens.bearer(api.vertx, "ops", "admin")).send().await();
      assertThat(queues.statusCode()).as(queues.bodyAsString()).isEqualTo(200);
      JsonObject data = queues.bodyAsJsonObject().getJsonObject("data");
      assertThat(data.getString("status")).isEqualTo("lost");
      assertThat(data.getJsonArray("losses").getJsonObject(0).getString("known")).contains("3 delayed");

      // the queue works again: group and marker made anew
      TaskProbe probe = new TaskProbe(api);
      String id = api.node.tasks().task("slow").fire("after-flush", 1L).await().taskId();
      until(Duration.ofSeconds(10), () -> probe.state(id).equals("succeeded"));
      assertThat(api.node.losses().count("default")).as("reported once").isEqualTo(1);
      assertThat(worker.node.losses().count("default")).as("reported once").isEqualTo(1);
    }
  }

  @Test
  void an_operator_may_have_a_loss_fail_readiness_for_the_report_period() throws Exception {
    try (RedisFixture redis = RedisFixture.start();
         TestNode app = TestNode.start(new SlowTaskService("a"), redis.url(), all()
           .put("redis", new JsonObject().put("lossFailsReadiness", true).put("lossReportSeconds", 4)))) {
      app.node.tasks().task("slow").delay(Duration.ofMinutes(10)).fire("later", 1L).await();
      Thread.sleep(2_500);
      assertThat(ready(app).bodyAsJsonObject().getJsonObject("checks").getString("data")).isEqualTo("up");

      Resp.call(redis.port(), "FLUSHALL");

      HttpResponse<Buffer> ready = until(Duration.ofSeconds(10), () -> ready(app), r -> r.statusCode() == 503);
      assertThat(ready.bodyAsString()).contains("not ready: data down").contains("queue default lost its data")
        .contains("1 delayed").contains("those tasks are gone");
      // lossReportSeconds later the loss is no longer reported, and the node is ready again
      until(Duration.ofSeconds(10), () -> ready(app).statusCode() == 200);
      assertThat(ready(app).bodyAsJsonObject().getJsonObject("data").getString("status")).isEqualTo("ok");
    }
  }

  @Test
  void redis_restarted_empty_is_reported_once_even_though_workers_meet_nogroup_too() throws Exception {
    try (RedisFixture redis = RedisFixture.start();
         LogLines logs = LogLines.capture();
         TestNode app = TestNode.start(new SlowTaskService("a"), redis.url(), all())) {
      TaskProbe probe = new TaskProbe(app);
      String before = app.node.tasks().task("slow").fire("before", 1L).await().taskId();
      until(Duration.ofSeconds(10), () -> probe.state(before).equals("succeeded"));
      Thread.sleep(2_500);

      redis.stop();
      redis.restart();

      HttpResponse<Buffer> reported = until(Duration.ofSeconds(15), () -> ready(app), r -> r.statusCode() == 200
        && r.bodyAsJsonObject().getJsonObject("data").getString("status").equals("lost"));
      assertThat(reported.bodyAsJsonObject().getJsonObject("data").getJsonArray("losses").getJsonObject(0)
        .getString("reason")).isNotBlank();
      String after = app.node.tasks().task("slow").fire("after", 1L).await().taskId();
      until(Duration.ofSeconds(10), () -> probe.state(after).equals("succeeded"));
      Thread.sleep(2_500); // another check round: the new epoch is adopted, nothing more is reported
      assertThat(app.node.losses().count("default")).isEqualTo(1);
      assertThat(logs.where(l -> "ERROR".equals(l.getString("level"))
        && l.getString("msg", "").contains("Redis lost the data"))).hasSize(1);
    }
  }

  private static HttpResponse<Buffer> ready(TestNode app) {
    return app.client.get("/health/ready").send().await();
  }

  /** The value of the sample {@code name} whose labels contain {@code label}, from the node's /metrics. */
  private static double metric(TestNode node, String name, String label) {
    String text = node.client.get("/metrics").send().await().bodyAsString();
    return text.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
  }
}
