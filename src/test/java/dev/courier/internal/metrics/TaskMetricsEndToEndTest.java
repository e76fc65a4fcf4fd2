package dev.courier.internal.metrics;

import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mails fired through {@code POST /v1/emails} of the example's contract on a real node (real HTTP, real Redis),
 * some failing on purpose: {@code GET /metrics} then counts every task by outcome exactly, the HTTP requests of the
 * operation, and, after one refresh period, the queue's sizes as Redis has them. README names every metric seen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class TaskMetricsEndToEndTest {

  private static final String TASK = "sendEmail";
  /** recipient kind → how many: ok succeeds, flaky succeeds on its retry, nope is NoRetry, broken fails twice */
  private static final Map<String, Integer> PLAN = new LinkedHashMap<>(Map.of("ok", 8, "flaky", 5, "nope", 4,
    "broken", 3));
  private static final int DELAYED = 2;

  private TestNode app;
  private Scraped scraped;
  private QueueCounts inRedis;

  @BeforeAll
  void fireAndRunEveryTask() {
    app = TestNode.start(new FlakyEmailService(), RedisFixture.shared().url(), new JsonObject()
      .put("role", "all")
      .put("tasks", new JsonObject().put("backoffBaseMillis", 10).put("backoffMaxMillis", 20))
      .put("metrics", new JsonObject().put("queueRefreshSeconds", 1)));
    String token = Tokens.bearer(app.vertx, "alice");
    List<String> ids = new ArrayList<>();
    PLAN.forEach((kind, count) -> {
      for (int i = 0; i < count; i++) {
        ids.add(post(token, kind + "@example.org", 0));
      }
    });
    for (int i = 0; i < DELAYED; i++) {
      post(token, "ok@example.org", 3600); // due in an hour: stays in the delayed set
    }
    HttpResponse<Buffer> anonymous = app.client.post("/v1/emails").sendJsonObject(email("ok@example.org", 0)).await();
    assertThat(anonymous.statusCode()).isEqualTo(401);

    for (String id : ids) {
      Eventually.until(Duration.ofSeconds(30), () -> app.node.tasks().status(id).await(),
        found -> found.map(TaskStatus::state).filter(state -> state.isFinal()).isPresent());
    }
    // outcomes are counted once Redis confirmed them, a moment after the status turned final
    scraped = Eventually.until(Duration.ofSeconds(10), this::scrape,
      s -> s.value("courier_tasks_succeeded_total", "task", TASK) == 13
        && s.sum("courier_tasks_dead_total", "task", TASK) == 7);
    // and the queue gauges follow Redis within one refresh period (1 s here)
    inRedis = new Queues(app.node.redis(), app.prefix).get("default").compose(RedisQueue::counts).await();
    scraped = Eventually.until(Duration.ofSeconds(10), this::scrape,
      s -> s.value("courier_queue_tasks", "queue", "default", "state", "dead") == inRedis.dead()
        && s.value("courier_queue_tasks", "queue", "default", "state", "delayed") == inRedis.delayed());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void task_counters_match_the_tasks_by_outcome_exactly() {
    double fired = PLAN.values().stream().mapToInt(Integer::intValue).sum() + DELAYED;
    assertThat(scraped.value("courier_tasks_fired_total", "task", TASK, "queue", "default")).isEqualTo(fired);
    // ok 1 attempt, flaky 2, nope 1, broken 2
    assertThat(scraped.value("courier_tasks_started_total", "task", TASK)).isEqualTo(8 + 2 * 5 + 4 + 2 * 3);
    assertThat(scraped.value("courier_tasks_succeeded_total", "task", TASK)).isEqualTo(8 + 5);
    assertThat(scraped.value("courier_tasks_retried_total", "task", TASK)).isEqualTo(5 + 3);
    assertThat(scraped.value("courier_tasks_dead_total", "task", TASK, "reason", "no_retry")).isEqualTo(4);
    assertThat(scraped.value("courier_tasks_dead_total", "task", TASK, "reason", "attempts_exhausted")).isEqualTo(3);
    assertThat(scraped.value("courier_tasks_dead_total", "task", TASK, "reason", "rejected")).isZero();
    assertThat(scraped.value("courier_tasks_dead_total", "task", TASK, "reason", "attempts_lost")).isZero();
    assertThat(scraped.value("courier_tasks_outcomes_lost_total")).isZero();
  }

  @Test
  void every_attempt_is_timed_and_retries_count_as_scheduled() {
    int attempts = 8 + 2 * 5 + 4 + 2 * 3;
    assertThat(scraped.value("courier_task_queue_wait_seconds_count", "task", TASK)).isEqualTo(attempts);
    assertThat(scraped.value("courier_task_run_seconds_count", "task", TASK)).isEqualTo(attempts);
    assertThat(scraped.value("courier_task_delay_lateness_seconds_count", "task", TASK)).as("the retries")
      .isEqualTo(5 + 3);
    assertThat(scraped.value("courier_task_run_seconds_bucket", "task", TASK, "le", "+Inf")).isEqualTo(attempts);
  }

  @Test
  void http_requests_are_counted_by_operation_and_status() {
    double accepted = PLAN.values().stream().mapToInt(Integer::intValue).sum() + DELAYED;
    assertThat(scraped.value("courier_http_server_requests_seconds_count", "operation", TASK, "status", "202"))
      .isEqualTo(accepted);
    assertThat(scraped.value("courier_http_server_requests_seconds_count", "operation", TASK, "status", "401"))
      .as("refused before its handler, still counted under its operation").isEqualTo(1);
    assertThat(scraped.value("courier_http_server_requests_seconds_bucket", "operation", TASK, "status", "202",
      "le", "+Inf")).isEqualTo(accepted);
    assertThat(scraped.find("courier_http_server_requests_seconds_count")).as("no raw path as a label")
      .allMatch(s -> !s.labels().containsKey("path"));
  }

  @Test
  void queue_gauges_show_what_redis_holds() {
    assertThat(inRedis).isEqualTo(new QueueCounts(0, 0, DELAYED, 0, 4 + 3));
    assertThat(scraped.value("courier_queue_tasks", "queue", "default", "state", "ready")).isEqualTo(inRedis.ready());
    assertThat(scraped.value("courier_queue_tasks", "queue", "default", "state", "running"))
      .isEqualTo(inRedis.pending());
    assertThat(scraped.value("courier_queue_tasks", "queue", "default", "state", "delayed")).isEqualTo(DELAYED);
    assertThat(scraped.value("courier_queue_tasks", "queue", "default", "state", "dead")).isEqualTo(7);
    assertThat(scraped.value("courier_queue_tasks", "queue", "default", "state", "retrying")).isZero();
  }

  @Test
  void the_jvm_and_the_redis_pool_are_measured_too() {
    assertThat(scraped.sum("jvm_memory_used_bytes")).isPositive();
    assertThat(scraped.value("vertx_pool_completed_total", "pool_type", "redis", "pool_name", "courier"))
      .isPositive();
    assertThat(scraped.value("vertx_redis_processing_time_seconds_count", "client_namespace", "courier"))
      .isPositive();
    assertThat(scraped.value("vertx_pool_in_use", "pool_type", "redis", "pool_name", "courier-dedicated"))
      .as("arrival watch and wake subscription hold theirs").isPositive();
  }

  @Test
  void readme_names_every_courier_and_vertx_metric() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Set<String> missing = new TreeSet<>();
    for (String family : scraped.families()) {
      // a timer's _max gauge comes with it: README says so once
      String name = family.endsWith("_max") ? family.substring(0, family.length() - 4) : family;
      if ((name.startsWith("courier_") || name.startsWith("vertx_")) && !readme.contains("`" + name + "`")) {
        missing.add(name);
      }
    }
    assertThat(missing).as("metrics README's Metrics section does not name").isEmpty();
  }

  private String post(String token, String to, int delaySeconds) {
    HttpResponse<Buffer> response = app.client.post("/v1/emails").putHeader("Authorization", token)
      .sendJsonObject(email(to, delaySeconds)).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response.bodyAsJsonObject().getString("task_id");
  }

  private static JsonObject email(String to, int delaySeconds) {
    return new JsonObject().put("to", to).put("subject", "Hi").put("body", "Hello").put("delay_seconds", delaySeconds);
  }

  private Scraped scrape() {
    HttpResponse<Buffer> response = app.client.get("/metrics").send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    return new Scraped(response.bodyAsString());
  }

}
