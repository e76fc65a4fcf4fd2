package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.OtlpCollector;
import dev.courier.internal.testing.OtlpCollector.Span;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.internal.trace.TraceParent;
import dev.courier.task.TaskState;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * With an OTLP endpoint configured, a request is a server span in its caller's trace and each attempt of the task it
 * fired is a consumer span whose parent is the request's span, all sent to a real (stand-in) collector over HTTP.
 */
class TaskSpansTest {

  @Test
  void each_attempt_is_a_child_span_of_the_request_that_fired_it() throws Exception {
    TraceParent caller = TraceParent.newTrace();
    String taskId;
    HttpResponse<Buffer> response;
    try (OtlpCollector collector = OtlpCollector.start()) {
      TestNode app = TestNode.start(new FlakyEmailService(), RedisFixture.shared().url(), new JsonObject()
        .put("role", "all")
        .put("tasks", new JsonObject().put("backoffBaseMillis", 20).put("backoffMaxMillis", 100))
        .put("tracing", new JsonObject().put("otlpEndpoint", collector.url()).put("serviceName", "trace-test")));
      try {
        response = app.client.post("/v1/emails").putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
          .putHeader("traceparent", caller.header())
          .sendJsonObject(new JsonObject().put("to", "spans-" + System.nanoTime() + "@example.org")).await();
        assertThat(response.statusCode()).isEqualTo(202);
        taskId = response.bodyAsJsonObject().getString("task_id");
        Eventually.until(Duration.ofSeconds(15), () -> TaskTestService.status(app, taskId),
          s -> s != null && s.state() == TaskState.SUCCEEDED);
      } finally {
        app.close(); // exports the spans still waiting
      }
      List<Span> spans = Eventually.until(Duration.ofSeconds(10), collector::spans,
        all -> all.stream().filter(s -> taskId.equals(s.attributes().get("courier.task_id"))).count() == 3);
      assertThat(collector.contentTypes()).allMatch(type -> type.startsWith("application/x-protobuf"));

      TraceParent echoed = TraceParent.parse(response.getHeader("traceparent"));
      Span request = spans.stream().filter(s -> s.kind() == Span.SERVER && s.spanId().equals(echoed.spanId()))
        .findFirst().orElseThrow(() -> new AssertionError("no span for the request in " + spans));
      assertThat(request.traceId()).isEqualTo(caller.traceId());
      assertThat(request.parentSpanId()).as("the caller's span is the request's parent").isEqualTo(caller.spanId());
      assertThat(request.name()).isEqualTo("POST sendEmail");
      assertThat(request.attributes()).containsEntry("http.response.status_code", 202L)
        .containsEntry("http.request.method", "POST").containsEntry("url.path", "/v1/emails");

      List<Span> attempts = spans.stream().filter(s -> taskId.equals(s.attributes().get("courier.task_id"))).toList();
      assertThat(attempts).allSatisfy(attempt -> {
        assertThat(attempt.kind()).isEqualTo(Span.CONSUMER);
        assertThat(attempt.traceId()).isEqualTo(caller.traceId());
        assertThat(attempt.parentSpanId()).as("parent: the request's span").isEqualTo(request.spanId());
        assertThat(attempt.name()).isEqualTo("task flakyEmail");
      });
      assertThat(attempts).extracting(s -> s.attributes().get("courier.attempt"),
          s -> s.attributes().get("courier.outcome"), Span::statusCode)
        .containsExactlyInAnyOrder(tuple(1L, "retrying", 2), tuple(2L, "retrying", 2), tuple(3L, "succeeded", 0));
      assertThat(attempts).extracting(Span::spanId).doesNotHaveDuplicates().doesNotContain(request.spanId());
    }
  }
}
