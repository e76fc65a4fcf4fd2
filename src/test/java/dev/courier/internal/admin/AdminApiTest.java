package dev.courier.internal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.courier.context.Principal;
import dev.courier.example.signup.SignupService;
import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.queue.Started;
import dev.courier.internal.testing.ServiceWithTasks;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin route on a real API node (no workers, so tasks stay where the test puts them): counts by state, pages,
 * a task's record, retry, delete, purge, pause and resume, and 401/403 for callers without the admin role. Responses
 * are validated against the served contract (the test node turns response validation on).
 */
class AdminApiTest {

  private static final String ADMIN = "ops-ada";

  private TestNode app;
  private DrillTasks drill;
  private RedisQueue invoices;

  @BeforeEach
  void start() {
    drill = new DrillTasks();
    app = TestNode.start(new ServiceWithTasks(new SignupService(), drill), RedisFixture.shared().url(),
      new JsonObject().put("role", "api"));
    invoices = new Queues(app.node.redis(), app.prefix).get("default").await();
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<Buffer> call(HttpMethod method, String uri, String... roles) {
    return app.client.request(method, uri).putHeader("Authorization", Tokens.bearer(app.vertx, ADMIN, roles))
      .send().await();
  }

  private JsonObject ok(HttpMethod method, String uri) {
    HttpResponse<Buffer> response = call(method, uri, "admin");
    assertThat(response.statusCode()).as("%s %s: %s", method, uri, response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private String fire(String invoice) {
    return app.node.tasks().onBehalfOf(new Principal("alice", Set.of("billing"), new JsonObject()))
      .task("deliverInvoice").fire(invoice).await().taskId();
  }

  /** Fires {@code n} invoices and buries them as a worker that ran out of attempts would. */
  private List<String> dead(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(fire("inv-dead-" + i));
    }
    for (Started run : invoices.claim("drill-worker", n, System.currentTimeMillis(), 86_400_000L).await().runs()) {
      invoices.bury(run.claim(), "failed after 2 attempt(s): IllegalStateException: the mail relay refused",
        System.currentTimeMillis() + ids.indexOf(run.taskId()), 86_400_000L).await();
    }
    return ids;
  }

  private JsonObject queue(String name) {
    for (Object q : ok(HttpMethod.GET, "/admin/api/queues").getJsonArray("queues")) {
      if (((JsonObject) q).getString("queue").equals(name)) {
        return (JsonObject) q;
      }
    }
    throw new AssertionError("no queue " + name);
  }

  @Test
  void queues_are_listed_with_their_counts_by_state() {
    dead(2);
    fire("inv-running");
    invoices.claim("drill-worker", 1, System.currentTimeMillis(), 86_400_000L).await();
    String failed = fire("inv-failed");
    Claim failedClaim = invoices.claim("drill-worker", 1, System.currentTimeMillis(), 86_400_000L).await().runs()
      .get(0).claim();
    invoices.retry(failedClaim, "re-sealed", System.currentTimeMillis() + 60_000, "boom", System.currentTimeMillis())
      .await();
    fire("inv-queued-1");
    fire("inv-queued-2");
    app.node.tasks().task("deliverInvoice").delay(java.time.Duration.ofMinutes(5)).fire("inv-later").await();

    JsonObject list = ok(HttpMethod.GET, "/admin/api/queues");

    assertThat(list.getJsonArray("queues").stream().map(q -> ((JsonObject) q).getString("queue")).toList())
      .containsExactly("default", "reports");
    assertThat(queue("default").getJsonObject("counts")).isEqualTo(new JsonObject().put("queued", 2)
      .put("running", 1).put("delayed", 1).put("retrying", 1).put("dead", 2));
    assertThat(queue("default").getBoolean("paused")).isFalse();
    assertThat(queue("reports").getJsonObject("counts").getInteger("queued")).isZero();
    assertThat(list.getString("at")).isNotBlank();
    assertThat(list.getJsonObject("data")).as("no loss of Redis data reported")
      .isEqualTo(new JsonObject().put("status", "ok").put("losses", new JsonArray()).put("report_seconds", 300));
    assertThat(failed).isNotBlank();
  }

  @Test
  void dead_tasks_page_latest_first_with_their_reason_and_last_error() {
    List<String> ids = dead(7);

    JsonObject first = ok(HttpMethod.GET, "/admin/api/queues/default/tasks?state=dead&limit=3");
    List<String> seen = new ArrayList<>();
    JsonObject page = first;
    int pages = 1;
    while (true) {
      page.getJsonArray("tasks").forEach(t -> seen.add(((JsonObject) t).getString("task_id")));
      String next = page.getString("next_cursor");
      if (next == null) {
        break;
      }
      page = ok(HttpMethod.GET, "/admin/api/queues/default/tasks?state=dead&limit=3&cursor=" + next);
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    List<String> latestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(latestFirst);
    assertThat(seen).containsExactlyElementsOf(latestFirst);
    JsonObject latest = first.getJsonArray("tasks").getJsonObject(0);
    assertThat(latest.getString("state")).isEqualTo("dead");
    assertThat(latest.getString("dead_reason")).isEqualTo("attempts_exhausted");
    assertThat(latest.getString("last_error")).contains("the mail relay refused");
    assertThat(latest.getString("task")).isEqualTo("deliverInvoice");
    assertThat(latest.getString("subject")).isEqualTo("alice");
    assertThat(first.getString("state")).isEqualTo("dead");
  }

  @Test
  void queued_tasks_page_in_the_order_they_will_run() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(fire("inv-" + i));
    }
    JsonObject first = ok(HttpMethod.GET, "/admin/api/queues/default/tasks?state=queued&limit=2");
    JsonObject second = ok(HttpMethod.GET, "/admin/api/queues/default/tasks?state=queued&limit=10&cursor="
      + first.getString("next_cursor"));

    assertThat(first.getJsonArray("tasks").stream().map(t -> ((JsonObject) t).getString("task_id")).toList())
      .containsExactlyElementsOf(ids.subList(0, 2));
    assertThat(second.getJsonArray("tasks").stream().map(t -> ((JsonObject) t).getString("task_id")).toList())
      .containsExactlyElementsOf(ids.subList(2, 5));
    assertThat(second.getValue("next_cursor")).isNull();
  }

  @Test
  void bad_page_requests_are_400_and_unknown_queues_404() {
    assertThat(call(HttpMethod.GET, "/admin/api/queues/default/tasks?state=succeeded", "admin").statusCode())
      .isEqualTo(400);
    assertThat(call(HttpMethod.GET, "/admin/api/queues/default/tasks?state=dead&limit=201", "admin").statusCode())
      .isEqualTo(400);
    assertThat(call(HttpMethod.GET, "/admin/api/queues/default/tasks?state=dead&cursor=1-2", "admin").statusCode())
      .isEqualTo(400);
    HttpResponse<Buffer> unknown = call(HttpMethod.GET, "/admin/api/queues/nope/tasks?state=dead", "admin");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("message")).contains("nope").contains("default, reports");
  }

  @Test
  void a_task_record_shows_the_envelope_metadata_and_nothing_secret() {
    String id = fire("inv-secret-argument");
    String sealed = app.node.redis().send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HGET)
      .arg(invoices.keys().task(id)).arg("envelope")).await().toString();

    HttpResponse<Buffer> response = call(HttpMethod.GET, "/admin/api/queues/default/tasks/" + id, "admin");
    JsonObject record = response.bodyAsJsonObject();

    assertThat(record.getString("state")).isEqualTo("queued");
    assertThat(record.getInteger("max_attempts")).isEqualTo(2);
    JsonObject envelope = record.getJsonObject("envelope");
    assertThat(envelope.getBoolean("verified")).isTrue();
    assertThat(envelope.getString("subject")).isEqualTo("alice");
    assertThat(envelope.getJsonArray("roles")).isEqualTo(new JsonArray().add("billing"));
    assertThat(envelope.getString("task")).isEqualTo("deliverInvoice");
    assertThat(envelope.containsKey("request_id")).isTrue();
    assertThat(response.bodyAsString()).doesNotContain("inv-secret-argument")
      .doesNotContain(sealed.substring(sealed.indexOf('.') + 1)).doesNotContain("claims");
    assertThat(call(HttpMethod.GET, "/admin/api/queues/reports/tasks/" + id, "admin").statusCode())
      .as("another queue's task").isEqualTo(404);
  }

  @Test
  void a_tampered_envelope_is_not_shown_only_why() {
    String id = dead(1).get(0);
    app.node.redis().send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HSET)
      .arg(invoices.keys().task(id)).arg("envelope").arg("e30.AAAA")).await();

    JsonObject envelope = ok(HttpMethod.GET, "/admin/api/queues/default/tasks/" + id).getJsonObject("envelope");

    assertThat(envelope).isEqualTo(new JsonObject().put("verified", false)
      .put("problem", "bad envelope signature (tampered, or signed with another key)"));
  }

  @Test
  void retrying_a_dead_task_queues_it_with_attempts_from_zero_and_records_who() {
    String id = dead(1).get(0);

    JsonObject retried = ok(HttpMethod.POST, "/admin/api/queues/default/tasks/" + id + "/retry");

    assertThat(retried.getString("state")).isEqualTo("queued");
    assertThat(retried.getInteger("attempts")).isZero();
    assertThat(retried.getInteger("max_attempts")).isEqualTo(2);
    assertThat(retried.getString("retried_by")).isEqualTo(ADMIN);
    assertThat(retried.getString("retried_at")).isNotNull();
    assertThat(retried.getInteger("retried_count")).isEqualTo(1);
    assertThat(retried.getValue("dead_reason")).isNull();
    assertThat(queue("default").getJsonObject("counts").getInteger("dead")).isZero();
    assertThat(queue("default").getJsonObject("counts").getInteger("queued")).isEqualTo(1);
    List<Started> runs = invoices.claim("drill-worker", 10, System.currentTimeMillis(), 86_400_000L).await().runs();
    assertThat(runs).extracting(Started::attempt).as("the first attempt of its new life").containsExactly(1);
    assertThat(runs).extracting(Started::taskId).containsExactly(id);
  }

  @Test
  void only_dead_tasks_can_be_retried_or_deleted() {
    String queued = fire("inv-queued");
    assertThat(call(HttpMethod.POST, "/admin/api/queues/default/tasks/" + queued + "/retry", "admin").statusCode())
      .isEqualTo(409);
    assertThat(call(HttpMethod.DELETE, "/admin/api/queues/default/tasks/" + queued, "admin").statusCode())
      .isEqualTo(409);
    String missing = "01M8NCAZTDYH000926Q9GFR9VN";
    assertThat(call(HttpMethod.POST, "/admin/api/queues/default/tasks/" + missing + "/retry", "admin").statusCode())
      .isEqualTo(404);
    assertThat(call(HttpMethod.GET, "/admin/api/queues/default/tasks/" + missing, "admin").statusCode())
      .isEqualTo(404);
    assertThat(ok(HttpMethod.GET, "/admin/api/queues/default/tasks/" + queued).getString("state")).isEqualTo("queued");
  }

  @Test
  void deleting_a_dead_task_removes_it_and_purging_removes_the_rest() {
    List<String> ids = dead(4);

    assertThat(call(HttpMethod.DELETE, "/admin/api/queues/default/tasks/" + ids.get(0), "admin").statusCode())
      .isEqualTo(204);
    assertThat(call(HttpMethod.GET, "/admin/api/queues/default/tasks/" + ids.get(0), "admin").statusCode())
      .isEqualTo(404);
    assertThat(queue("default").getJsonObject("counts").getInteger("dead")).isEqualTo(3);

    JsonObject purged = ok(HttpMethod.DELETE, "/admin/api/queues/default/dead");

    assertThat(purged).isEqualTo(new JsonObject().put("queue", "default").put("deleted", 3));
    assertThat(queue("default").getJsonObject("counts").getInteger("dead")).isZero();
    assertThat(call(HttpMethod.GET, "/admin/api/queues/default/tasks/" + ids.get(3), "admin").statusCode())
      .isEqualTo(404);
  }

  @Test
  void a_paused_queue_says_who_paused_it_and_still_takes_fires() {
    JsonObject paused = ok(HttpMethod.POST, "/admin/api/queues/default/pause");

    assertThat(paused.getBoolean("paused")).isTrue();
    assertThat(paused.getString("paused_by")).isEqualTo(ADMIN);
    assertThat(paused.getString("paused_at")).isNotNull();
    HttpResponse<Buffer> fired = app.client.post("/v1/emails").putHeader("Authorization",
        Tokens.bearer(app.vertx, "alice")).sendJsonObject(new JsonObject().put("to", "bob@example.org")
      .put("subject", "Hi").put("body", "while paused")).await();
    assertThat(fired.statusCode()).as(fired.bodyAsString()).isEqualTo(202);
    fire("inv-while-paused");
    assertThat(queue("default").getJsonObject("counts").getInteger("queued")).isEqualTo(2);
    assertThat(ok(HttpMethod.POST, "/admin/api/queues/default/pause").getString("paused_by")).as("unchanged")
      .isEqualTo(ADMIN);

    JsonObject resumed = ok(HttpMethod.POST, "/admin/api/queues/default/resume");

    assertThat(resumed.getBoolean("paused")).isFalse();
    assertThat(resumed.getValue("paused_by")).isNull();
    assertThat(ok(HttpMethod.POST, "/admin/api/queues/default/resume").getBoolean("paused")).isFalse();
  }

  @Test
  void every_admin_route_needs_a_token_with_the_admin_role() {
    String id = "01M8NCAZTDYH000926Q9GFR9VN";
    Map<String, HttpMethod> routes = Map.of("/admin/api/queues", HttpMethod.GET,
      "/admin/api/queues/default/tasks?state=dead", HttpMethod.GET,
      "/admin/api/queues/default/tasks/" + id, HttpMethod.GET,
      "/admin/api/queues/default/tasks/" + id + "/retry", HttpMethod.POST,
      "/admin/api/queues/default/dead", HttpMethod.DELETE,
      "/admin/api/queues/default/pause", HttpMethod.POST,
      "/admin/api/queues/default/resume", HttpMethod.POST);
    routes.forEach((uri, method) -> {
      HttpResponse<Buffer> anonymous = app.client.request(method, uri).send().await();
      assertThat(anonymous.statusCode()).as("%s %s without a token", method, uri).isEqualTo(401);
      assertThat(call(method, uri, "billing").statusCode()).as("%s %s without the role", method, uri).isEqualTo(403);
    });
    assertThat(call(HttpMethod.DELETE, "/admin/api/queues/default/tasks/" + id).statusCode()).isEqualTo(403);
    assertThat(queue("default").getBoolean("paused")).as("no refused call changed anything").isFalse();
  }

  @Test
  void the_admin_role_is_the_configured_one_in_the_router_and_the_served_contract() {
    try (TestNode ops = TestNode.start(new ServiceWithTasks(new SignupService(), new DrillTasks()),
      RedisFixture.shared().url(), new JsonObject().put("role", "api").put("admin", new JsonObject().put("role", "ops")))) {
      String id = ops.node.tasks().task("deliverInvoice").fire("inv-1").await().taskId();
      assertThat(ops.client.get("/admin/api/queues").putHeader("Authorization", Tokens.bearer(ops.vertx, "x", "admin"))
        .send().await().statusCode()).isEqualTo(403);
      assertThat(ops.client.get("/admin/api/queues").putHeader("Authorization", Tokens.bearer(ops.vertx, "x", "ops"))
        .send().await().statusCode()).isEqualTo(200);
      assertThat(ops.client.get("/v1/tasks/" + id).putHeader("Authorization", Tokens.bearer(ops.vertx, "x", "ops"))
        .send().await().statusCode()).as("the admin role sees any task's status").isEqualTo(200);
      @SuppressWarnings("unchecked")
      JsonObject served = new JsonObject(new ObjectMapper(new YAMLFactory())
        .readValue(ops.client.get("/openapi.yaml").send().await().bodyAsString(), Map.class));
      assertThat(served.getJsonObject("paths").getJsonObject("/admin/api/queues").getJsonObject("get")
        .getJsonArray("security")).isEqualTo(new JsonArray().add(new JsonObject().put("courierBearer",
          new JsonArray().add("ops"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void the_dashboard_page_and_its_files_are_public_and_hold_no_data() {
    HttpResponse<Buffer> page = app.client.get("/admin").send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'");
    assertThat(page.bodyAsString()).contains("/admin/assets/admin.js").doesNotContain("http://")
      .doesNotContain("https://");
    HttpResponse<Buffer> script = app.client.get("/admin/assets/admin.js").send().await();
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(script.bodyAsString()).contains("sessionStorage").doesNotContain("innerHTML")
      .doesNotContain("localStorage");
    assertThat(app.client.get("/admin/assets/admin.css").send().await().statusCode()).isEqualTo(200);
    assertThat(app.client.get("/admin/assets/index.html").send().await().statusCode()).isEqualTo(404);
    assertThat(app.client.get("/admin/assets/secrets.json").send().await().statusCode()).isEqualTo(404);
  }
}
