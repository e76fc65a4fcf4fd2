package dev.courier.internal.http;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.TimeUnit;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Courier's routes are served whatever the service's contract says: over test-bare.yaml, which has none of them and
 * names its bearer scheme {@code partnerJwt}, the node serves health, the merged contract, docs, task status and
 * metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrameworkRoutesTest {

  private static final String SOME_TASK = "01M8NCAZTDYH000926Q9GFR9VN";

  private TestNode app;

  /** The service binds only its own operation: Courier binds the rest. */
  static final class BareService implements CourierService {
    @Override
    public String contract() {
      return "openapi/test-bare.yaml";
    }

    @Override
    public void setup(ServiceSetup setup) {
      setup.operation("ping", request -> Future.succeededFuture(Reply.ok(new JsonObject().put("pong", true))));
    }
  }

  @BeforeAll
  void start() {
    app = TestNode.start(new BareService(), RedisFixture.shared().url(), new JsonObject());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private HttpResponse<Buffer> get(String uri) {
    return app.client.get(uri).send().await();
  }

  @Test
  void health_is_served_and_public() {
    HttpResponse<Buffer> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("live");
    HttpResponse<Buffer> ready = get("/health/ready");
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("redis")).isEqualTo("up");
  }

  @Test
  void the_served_contract_lists_the_framework_routes_beside_the_service_ones() {
    HttpResponse<Buffer> response = get("/openapi.yaml");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    JsonObject served = ContractYaml.read(response.body(), "/openapi.yaml");
    assertThat(served.getJsonObject("paths").fieldNames()).containsExactlyInAnyOrder("/ping", "/health/live",
      "/health/ready", "/openapi.yaml", "/docs", "/docs/{asset}", "/metrics", "/v1/tasks/{task_id}", "/admin", "/admin/assets/{asset}",
      "/admin/api/queues", "/admin/api/queues/{queue}/tasks", "/admin/api/queues/{queue}/tasks/{task_id}",
      "/admin/api/queues/{queue}/tasks/{task_id}/retry", "/admin/api/queues/{queue}/dead",
      "/admin/api/queues/{queue}/pause", "/admin/api/queues/{queue}/resume");
    assertThat(served.getJsonObject("paths").getJsonObject("/health/live").getJsonObject("get")
      .getString("operationId")).isEqualTo("healthLive");
    assertThat(served.getJsonObject("components").getJsonObject("securitySchemes").fieldNames())
      .containsExactlyInAnyOrder("partnerJwt", "courierBearer");
  }

  @Test
  void the_served_contract_is_the_one_the_router_was_built_from() throws Exception {
    Buffer expected = ServedContract.load(app.vertx, "openapi/test-bare.yaml").await(20, TimeUnit.SECONDS).yaml();
    assertThat(get("/openapi.yaml").bodyAsString()).isEqualTo(expected.toString());
  }

  @Test
  void the_docs_page_and_its_assets_are_served() {
    HttpResponse<Buffer> page = get("/docs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(get("/docs/swagger-ui.css").statusCode()).isEqualTo(200);
    assertThat(get("/docs/courier-docs.js").bodyAsString()).contains("/openapi.yaml");
  }

  @Test
  void task_status_takes_a_bearer_token_whatever_the_service_calls_its_scheme() {
    HttpResponse<Buffer> anonymous = get("/v1/tasks/" + SOME_TASK);
    assertError(anonymous, 401, "unauthorized");
    assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
    HttpResponse<Buffer> alice = app.client.get("/v1/tasks/" + SOME_TASK)
      .putHeader("Authorization", Tokens.bearer(app.vertx, "alice")).send().await();
    assertError(alice, 404, "not_found");
  }

  @Test
  void metrics_are_served_in_the_prometheus_text_format_and_public_by_default() {
    HttpResponse<Buffer> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.getHeader("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.bodyAsString()).contains("# TYPE courier_http_server_requests_seconds histogram");
  }

  @Test
  void head_answers_where_get_does_and_other_methods_get_405_with_allow() {
    HttpResponse<Buffer> head = app.client.head("/health/live").send().await();
    assertThat(head.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> delete = app.client.request(HttpMethod.DELETE, "/health/live").send().await();
    assertError(delete, 405, "method_not_allowed");
    assertThat(delete.getHeader("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void the_service_operation_is_served_too() {
    HttpResponse<Buffer> ping = app.client.get("/ping").putHeader("Authorization", Tokens.bearer(app.vertx, "bob"))
      .send().await();
    assertThat(ping.statusCode()).as(ping.bodyAsString()).isEqualTo(200);
    assertError(get("/ping"), 401, "unauthorized");
  }
}
