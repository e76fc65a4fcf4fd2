package dev.courier.internal.worker;

import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker-only node serves its health probes (and nothing else), reports paused workers while Redis is down, and is
 * ready again within a second of Redis returning.
 */
class WorkerHealthTest {

  @Test
  void a_worker_only_node_answers_health_probes_and_reports_redis_outages() {
    try (RedisFixture redis = RedisFixture.start();
         TestNode worker = TestNode.start(new SlowTaskService("w"), redis.url(),
           new JsonObject().put("role", "worker"))) { // restarts empty: reported, but no reason to be unready
      HttpResponse<Buffer> ready = worker.client.get("/health/ready").send().await();
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").fieldNames())
        .containsExactlyInAnyOrder("redis", "workers");
      assertThat(worker.client.get("/admin/stats").send().await().statusCode()).as("no API here").isEqualTo(404);

      redis.stop();
      until(Duration.ofSeconds(10), () -> worker.client.get("/health/ready").send().await().statusCode() == 503);
      JsonObject down = worker.client.get("/health/ready").send().await().bodyAsJsonObject();
      assertThat(down.getString("error")).isEqualTo("unavailable");
      assertThat(down.getString("request_id")).isNotBlank();
      assertThat(worker.client.get("/health/live").send().await().statusCode()).isEqualTo(200);

      redis.restart();
      long back = System.nanoTime();
      until(Duration.ofSeconds(15), () -> worker.client.get("/health/ready").send().await().statusCode() == 200);
      // an idle node: no read returns to tell it, its paused queues retry at least every 500 ms
      assertThat((System.nanoTime() - back) / 1_000_000).as("ms until ready again").isLessThan(1000);
    }
  }
}
