package dev.courier.internal.redis;

import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.Resp;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis losing a queue's data is never silent: flushed, or restarted without persistence, a real Redis under a real
 * node. The loss is logged at ERROR with what the node last counted, counted per queue, and fails readiness; the
 * queue then works again. A Redis without an append-only file is warned about at start-up.
 */
class DataLossTest {

  private static JsonObject all() {
    return new JsonObject().put("role", "all").put("tasks", new JsonObject().put("concurrency", 4)
      .put("leaseSeconds", 5));
  }

  @Test
  void a_flushed_redis_is_logged_with_the_last_known_counts_counted_and_shown_by_readiness() throws Exception {
    try (RedisFixture redis = RedisFixture.start();
         LogLines logs = LogLines.capture();
         TestNode app = TestNode.start(new SlowTaskService("a"), redis.url(), all())) {
      assertThat(logs.where(l -> "WARN".equals(l.getString("level"))
        && l.getString("msg", "").contains("no append-only file"))).as("start-up warning").hasSize(1);
      for (int i = 0; i < 3; i++) {
        app.node.tasks().task("slow").delay(Duration.ofMinutes(10)).fire("later-" + i, 1L).await();
      }
      Thread.sleep(2_500); // at least one check has counted the 3 delayed tasks
      assertThat(ready(app).statusCode()).isEqualTo(200);

      Resp.call(redis.port(), "FLUSHALL");

      HttpResponse<Buffer> ready = until(Duration.ofSeconds(10), () -> ready(app), r -> r.statusCode() == 503);
      assertThat(ready.bodyAsString()).contains("not ready: data down").contains("queue default lost its data")
        .contains("3 delayed").contains("those tasks are gone");
      List<JsonObject> errors = logs.where(l -> "ERROR".equals(l.getString("level"))
        && l.getString("msg", "").contains("Redis lost the data of queue 'default'"));
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0).getString("msg")).contains("3 delayed");
      assertThat(app.node.losses().count("default")).isEqualTo(1);

      // the queue works again: group and marker made anew
      TaskProbe probe = new TaskProbe(app);
      String id = app.node.tasks().task("slow").fire("after-flush", 1L).await().taskId();
      until(Duration.ofSeconds(10), () -> probe.state(id).equals("succeeded"));
      assertThat(app.node.losses().count("default")).as("reported once").isEqualTo(1);
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

      until(Duration.ofSeconds(15), () -> ready(app), r -> r.statusCode() == 503
        && r.bodyAsString().contains("queue default lost its data"));
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
}
