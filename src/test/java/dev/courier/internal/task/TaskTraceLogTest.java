package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.internal.trace.TraceParent;
import dev.courier.log.LogConfigurator;
import dev.courier.task.TaskState;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One {@code POST /v1/emails} whose task fails twice, then succeeds: every line of the request (access log, handler)
 * and of the three attempts (the task's own, start and outcome lines) carries one trace id, the one the response
 * echoes in {@code traceparent}; the outcome lines say retrying, retrying, succeeded. With {@code tasks.logOutcomes}
 * false there are no outcome lines, and the node's stop line counts what it did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskTraceLogTest {

  private static final JsonObject FAST_RETRIES = new JsonObject().put("role", "all")
    .put("tasks", new JsonObject().put("backoffBaseMillis", 20).put("backoffMaxMillis", 100));

  private final Logger taskLogger = (Logger) LoggerFactory.getLogger(LogConfigurator.TASK_LOGGER);
  private Level taskLevel;
  private TestNode app;

  @BeforeAll
  void start() {
    taskLevel = taskLogger.getLevel();
    taskLogger.setLevel(Level.DEBUG); // the start lines too
    app = TestNode.start(new FlakyEmailService(), RedisFixture.shared().url(), FAST_RETRIES);
  }

  @AfterAll
  void stop() {
    app.close();
    taskLogger.setLevel(taskLevel);
  }

  private static HttpResponse<Buffer> post(TestNode node, String requestId, String to, String traceparent) {
    var request = node.client.post("/v1/emails").putHeader("Authorization", Tokens.bearer(node.vertx, "alice"))
      .putHeader("X-Request-Id", requestId);
    if (traceparent != null) {
      request.putHeader("traceparent", traceparent);
    }
    HttpResponse<Buffer> response = request.sendJsonObject(new JsonObject().put("to", to)).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response;
  }

  private static void awaitSucceeded(TestNode node, String taskId) {
    Eventually.until(Duration.ofSeconds(15), () -> TaskTestService.status(node, taskId),
      s -> s != null && s.state().isFinal());
    assertThat(TaskTestService.status(node, taskId).state()).isEqualTo(TaskState.SUCCEEDED);
  }

  private static List<JsonObject> outcomes(LogLines lines, String taskId) {
    return lines.where(l -> taskId.equals(l.getString("task_id")) && l.containsKey("outcome"));
  }

  @Test
  void the_request_and_every_attempt_of_its_task_log_one_trace_id() {
    String requestId = "trace-test-" + System.nanoTime();
    String to = requestId + "@example.org";
    try (LogLines lines = LogLines.capture()) {
      HttpResponse<Buffer> response = post(app, requestId, to, null);
      TraceParent echoed = TraceParent.parse(response.getHeader("traceparent"));
      assertThat(echoed).as("a new trace, echoed").isNotNull();
      String taskId = response.bodyAsJsonObject().getString("task_id");
      awaitSucceeded(app, taskId);
      Eventually.until(Duration.ofSeconds(5), () -> outcomes(lines, taskId).size() == 3);

      List<JsonObject> ofRequest = lines.where(l -> requestId.equals(l.getString("request_id")));
      assertThat(ofRequest).allSatisfy(l -> assertThat(l.getString("trace_id")).as(l.encode())
        .isEqualTo(echoed.traceId()));
      assertThat(lines.where(l -> echoed.traceId().equals(l.getString("trace_id"))))
        .as("the trace has no line of another request").isEqualTo(ofRequest);
      assertThat(ofRequest).filteredOn(l -> l.getString("logger").equals("courier.access")).singleElement()
        .satisfies(l -> assertThat(l.getString("path")).isEqualTo("/v1/emails"));
      assertThat(ofRequest).filteredOn(l -> l.getString("msg").equals("queueing an e-mail to " + to)).hasSize(1);
      assertThat(ofRequest).filteredOn(l -> l.getString("msg").startsWith("sending to " + to))
        .extracting(l -> l.getString("task_id")).containsExactly(taskId, taskId, taskId);
      assertThat(ofRequest).filteredOn(l -> l.getString("msg").equals("task flakyEmail started"))
        .extracting(l -> l.getString("level"), l -> l.getInteger("attempt"))
        .containsExactly(tuple("DEBUG", 1), tuple("DEBUG", 2),
          tuple("DEBUG", 3));

      List<JsonObject> outcomes = outcomes(lines, taskId);
      assertThat(outcomes).extracting(l -> l.getString("outcome"), l -> l.getInteger("attempt"),
          l -> l.getString("level"))
        .containsExactly(tuple("retrying", 1, "WARN"),
          tuple("retrying", 2, "WARN"),
          tuple("succeeded", 3, "INFO"));
      assertThat(outcomes).allSatisfy(l -> {
        assertThat(l.getString("logger")).isEqualTo("courier.tasks");
        assertThat(l.getString("task")).isEqualTo("flakyEmail");
        assertThat(l.getString("queue")).isEqualTo("default");
        assertThat(l.getString("subject")).isEqualTo("alice");
        assertThat(l.getString("request_id")).isEqualTo(requestId);
        assertThat(l.getString("trace_id")).isEqualTo(echoed.traceId());
        assertThat(l.getDouble("elapsed_ms")).isGreaterThanOrEqualTo(0.0);
        assertThat(l.getInteger("max_attempts")).isEqualTo(3);
      });
      assertThat(outcomes.get(0).getString("error")).contains("mail server unavailable (run 1)");
      assertThat(outcomes.get(1).getString("error")).contains("mail server unavailable (run 2)");
      assertThat(outcomes.get(0).getString("next_due_at")).isNotBlank();
      assertThat(outcomes.get(0).getLong("retry_in_ms")).isBetween(0L, 100L);
      assertThat(outcomes.get(2).containsKey("error")).isFalse();
    }
  }

  @Test
  void a_callers_traceparent_is_continued_through_the_tasks() {
    TraceParent caller = TraceParent.newTrace();
    String requestId = "trace-caller-" + System.nanoTime();
    try (LogLines lines = LogLines.capture()) {
      HttpResponse<Buffer> response = post(app, requestId, requestId + "@example.org", caller.header());
      TraceParent echoed = TraceParent.parse(response.getHeader("traceparent"));
      assertThat(echoed.traceId()).isEqualTo(caller.traceId());
      assertThat(echoed.spanId()).as("the request's own span").isNotEqualTo(caller.spanId());
      String taskId = response.bodyAsJsonObject().getString("task_id");
      awaitSucceeded(app, taskId);
      Eventually.until(Duration.ofSeconds(5), () -> outcomes(lines, taskId).size() == 3);
      assertThat(lines.where(l -> requestId.equals(l.getString("request_id"))))
        .allSatisfy(l -> assertThat(l.getString("trace_id")).isEqualTo(caller.traceId()));
    }
  }

  @Test
  void the_first_requests_of_a_node_go_on_in_their_own_context_while_the_queue_opens() {
    try (LogLines lines = LogLines.capture();
         // role api: no worker opens the queue at start, the first fires do
         TestNode fresh = TestNode.start(new FlakyEmailService(), RedisFixture.shared().url(), new JsonObject())) {
      String bearer = Tokens.bearer(fresh.vertx, "alice");
      List<io.vertx.core.Future<HttpResponse<Buffer>>> posts = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) { // all sent before the first fire has opened the queue
        posts.add(fresh.client.post("/v1/emails").putHeader("Authorization", bearer)
          .sendJsonObject(new JsonObject().put("to", "first-" + i + "-" + System.nanoTime() + "@example.org")));
      }
      for (var post : posts) {
        HttpResponse<Buffer> response = post.await();
        String taskId = response.bodyAsJsonObject().getString("task_id");
        String traceId = TraceParent.parse(response.getHeader("traceparent")).traceId();
        assertThat(lines.where(l -> ("queued task " + taskId).equals(l.getString("msg")))).singleElement()
          .satisfies(l -> assertThat(l.getString("trace_id")).isEqualTo(traceId));
      }
    }
  }

  @Test
  void an_invalid_traceparent_starts_a_new_trace() {
    String requestId = "trace-bad-" + System.nanoTime();
    HttpResponse<Buffer> response = post(app, requestId, requestId + "@example.org",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
    TraceParent echoed = TraceParent.parse(response.getHeader("traceparent"));
    assertThat(echoed).isNotNull();
    assertThat(echoed.traceId()).isNotEqualTo("00000000000000000000000000000000");
  }

  @Test
  void with_log_outcomes_off_no_outcome_line_is_written_and_the_stop_line_counts_the_attempts() {
    JsonObject quiet = FAST_RETRIES.copy();
    quiet.getJsonObject("tasks").put("logOutcomes", false);
    String requestId = "trace-quiet-" + System.nanoTime();
    try (LogLines lines = LogLines.capture()) {
      TestNode node = TestNode.start(new FlakyEmailService(), RedisFixture.shared().url(), quiet);
      String taskId;
      try {
        taskId = post(node, requestId, requestId + "@example.org", null).bodyAsJsonObject().getString("task_id");
        awaitSucceeded(node, taskId);
      } finally {
        node.close();
      }
      assertThat(lines.where(l -> requestId.equals(l.getString("request_id"))))
        .as("the task's own lines are still written").hasSizeGreaterThanOrEqualTo(3)
        .noneMatch(l -> l.containsKey("outcome"));
      String consumer = node.node.workers().consumer();
      assertThat(lines.where(l -> l.getString("msg").startsWith("workers consuming queues")
          && consumer.equals(l.getString("consumer"))))
        .singleElement().satisfies(l -> {
          assertThat(l.getString("queues")).isEqualTo("[default]");
          assertThat(l.getInteger("concurrency")).isEqualTo(16);
        });
      assertThat(lines.where(l -> l.getString("msg").startsWith("workers stopped")
          && consumer.equals(l.getString("consumer"))))
        .singleElement().satisfies(l -> {
          assertThat(l.getLong("succeeded")).isEqualTo(1);
          assertThat(l.getLong("retried")).isEqualTo(2);
          assertThat(l.getLong("dead")).isEqualTo(0);
          assertThat(l.getLong("handed_back")).isEqualTo(0);
        });
    }
  }
}
