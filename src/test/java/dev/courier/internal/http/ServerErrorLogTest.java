package dev.courier.internal.http;

import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.trace.TraceParent;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A 5xx's {@code request_id} finds its error in the log: one ERROR line with the stack trace and the trace id. */
class ServerErrorLogTest {

  @Test
  void the_request_id_of_a_500_finds_the_error_line_with_its_stack_trace() {
    try (TestNode app = TestNode.start(new TestOpsService(), RedisFixture.shared().url(), new JsonObject());
         LogLines lines = LogLines.capture()) {
      HttpResponse<Buffer> response = app.client.get("/boom").send().await();

      assertThat(response.statusCode()).isEqualTo(500);
      String requestId = response.bodyAsJsonObject().getString("request_id");
      assertThat(response.bodyAsString()).doesNotContain(TestOpsService.SECRET_DETAIL).doesNotContain("at dev.");
      TraceParent trace = TraceParent.parse(response.getHeader("traceparent"));
      List<JsonObject> errors = lines.where(l -> "ERROR".equals(l.getString("level"))
        && requestId.equals(l.getString("request_id")));
      assertThat(errors).singleElement().satisfies(line -> {
        assertThat(line.getString("trace_id")).isEqualTo(trace.traceId());
        assertThat(line.getInteger("status")).isEqualTo(500);
        assertThat(line.getString("path")).isEqualTo("/boom");
        assertThat(line.getString("error")).contains("IllegalStateException");
        assertThat(line.getString("stack")).contains("IllegalStateException: " + TestOpsService.SECRET_DETAIL)
          .contains("at dev.courier.internal.http.TestOpsService");
      });
    }
  }
}
