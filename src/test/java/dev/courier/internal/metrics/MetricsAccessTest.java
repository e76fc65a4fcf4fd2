package dev.courier.internal.metrics;

import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} is public by default, needs a bearer token holding {@code metrics.role} when that is set, and
 * is not served (nor in the served contract) when {@code metrics.enabled} is false; worker-only nodes serve it too.
 */
@Timeout(60)
class MetricsAccessTest {

  private static final String URL = RedisFixture.shared().url();

  @Test
  void a_metrics_role_needs_a_bearer_token_holding_it_and_the_contract_says_so() {
    try (TestNode app = TestNode.start(new FlakyEmailService(), URL, metrics(new JsonObject().put("role", "ops")))) {
      HttpResponse<Buffer> anonymous = app.client.get("/metrics").send().await();
      assertError(anonymous, 401, "unauthorized");
      assertThat(anonymous.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertError(get(app, "/metrics", Tokens.bearer(app.vertx, "alice")), 403, "forbidden");
      HttpResponse<Buffer> ops = get(app, "/metrics", Tokens.bearer(app.vertx, "prometheus", "ops"));
      assertThat(ops.statusCode()).isEqualTo(200);
      Scraped scraped = new Scraped(ops.bodyAsString());
      assertThat(scraped.value("courier_http_server_requests_seconds_count", "operation", "prometheusMetrics",
        "status", "401")).as("refused scrapes are counted too").isEqualTo(1);
      assertThat(scraped.value("courier_http_server_requests_seconds_count", "operation", "prometheusMetrics",
        "status", "403")).isEqualTo(1);

      JsonObject get = servedContract(app).getJsonObject("paths").getJsonObject("/metrics").getJsonObject("get");
      assertThat(get.getJsonArray("security"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("courierBearer", new JsonArray().add("ops"))));
      assertThat(get.getJsonObject("responses").fieldNames()).contains("200", "401", "403");
    }
  }

  @Test
  void metrics_off_means_no_route_nothing_in_the_contract_and_the_api_unchanged() {
    try (TestNode app = TestNode.start(new FlakyEmailService(), URL, metrics(new JsonObject().put("enabled", false)))) {
      assertError(app.client.get("/metrics").send().await(), 404, "not_found");
      assertThat(servedContract(app).getJsonObject("paths").fieldNames()).doesNotContain("/metrics")
        .contains("/v1/emails", "/health/ready");
      HttpResponse<Buffer> sent = app.client.post("/v1/emails")
        .putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
        .sendJsonObject(new JsonObject().put("to", "ok@example.org").put("subject", "Hi").put("body", "x")).await();
      assertThat(sent.statusCode()).isEqualTo(202);
    }
  }

  @Test
  void a_worker_only_node_serves_its_metrics_on_its_health_port() {
    String prefix = RedisFixture.uniquePrefix();
    try (TestNode worker = TestNode.start(new WorkerOnlyService(new FlakyEmailService.Emails()),
      TestNode.workerConfig(URL, prefix), prefix)) {
      HttpResponse<Buffer> response = worker.client.get("/metrics").send().await();
      assertThat(response.statusCode()).isEqualTo(200);
      Scraped scraped = new Scraped(response.bodyAsString());
      assertThat(scraped.value("courier_tasks_started_total", "task", "sendEmail", "queue", "default")).isZero();
      assertThat(scraped.value("courier_worker_tasks_running")).isZero();
      // the queue gauges are read by a timer that starts with the node: its first read may follow the first scrape
      assertThat(Eventually.until(Duration.ofSeconds(5), () -> new Scraped(worker.client.get("/metrics").send().await()
        .bodyAsString()).value("courier_queue_tasks", "queue", "default", "state", "ready"), v -> !v.isNaN())).isZero();
      assertThat(worker.client.head("/metrics").send().await().statusCode()).isEqualTo(200);
      assertThat(worker.client.delete("/metrics").send().await().getHeader("Allow")).isEqualTo("GET, HEAD");
    }
  }

  @Test
  void a_worker_only_node_with_a_metrics_role_checks_tokens_with_the_api_s_key() {
    String prefix = RedisFixture.uniquePrefix();
    CourierConfig config = ConfigLoader.fromJson(TestNode.config(URL, prefix, new JsonObject().put("role", "worker")
      .put("metrics", new JsonObject().put("role", "ops"))), Map.of());
    try (TestNode worker = TestNode.start(new WorkerOnlyService(new FlakyEmailService.Emails()), config, prefix)) {
      assertError(worker.client.get("/metrics").send().await(), 401, "unauthorized");
      assertError(get(worker, "/metrics", Tokens.bearer(worker.vertx, "alice")), 403, "forbidden");
      assertThat(get(worker, "/metrics", Tokens.bearer(worker.vertx, "prometheus", "ops")).statusCode())
        .isEqualTo(200);
      assertThat(worker.client.get("/health/ready").send().await().statusCode()).as("probes stay public")
        .isEqualTo(200);
    }
  }

  private static JsonObject metrics(JsonObject settings) {
    return new JsonObject().put("role", "all").put("metrics", settings);
  }

  private static HttpResponse<Buffer> get(TestNode app, String uri, String authorization) {
    return app.client.get(uri).putHeader("Authorization", authorization).send().await();
  }

  @SuppressWarnings("unchecked")
  private static JsonObject servedContract(TestNode app) {
    HttpResponse<Buffer> response = app.client.get("/openapi.yaml").send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    try {
      return new JsonObject(new YAMLMapper().readValue(response.body().getBytes(), Map.class));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo(code);
  }
}
