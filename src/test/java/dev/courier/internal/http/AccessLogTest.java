package dev.courier.internal.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One {@code courier.access} event per request, with its method, path, status, duration, id and caller. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessLogTest {

  private final Logger access = (Logger) LoggerFactory.getLogger("courier.access");
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private TestNode app;

  @BeforeAll
  void start() {
    app = TestNode.start(new SignupService(), RedisFixture.shared().url(), new JsonObject());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @BeforeEach
  void attach() {
    events.list.clear();
    events.start();
    access.addAppender(events);
  }

  @AfterEach
  void detach() {
    access.detachAppender(events);
    events.stop();
  }

  /** Waits (bounded) for the access events of requests with {@code requestId}: the line is written as the response ends. */
  private List<Map<String, Object>> linesOf(String requestId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    List<Map<String, Object>> found = List.of();
    while (found.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      synchronized (events.list) {
        found = events.list.stream().map(AccessLogTest::pairs)
          .filter(pairs -> requestId.equals(pairs.get("request_id"))).toList();
      }
    }
    return found;
  }

  private static Map<String, Object> pairs(ILoggingEvent event) {
    Map<String, Object> pairs = new HashMap<>();
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        pairs.put(pair.key, pair.value);
      }
    }
    return pairs;
  }

  @Test
  void an_authenticated_request_is_logged_once_with_its_caller() throws InterruptedException {
    HttpResponse<Buffer> response = app.client.get("/v1/me").putHeader("X-Request-Id", "trace-1")
      .putHeader("Authorization", Tokens.bearer(app.vertx, "alice")).send().await();
    assertThat(response.statusCode()).isEqualTo(200);

    List<Map<String, Object>> lines = linesOf("trace-1");
    assertThat(lines).hasSize(1);
    Map<String, Object> line = lines.get(0);
    assertThat(line).containsEntry("method", "GET").containsEntry("path", "/v1/me").containsEntry("status", 200)
      .containsEntry("request_id", "trace-1").containsEntry("subject", "alice");
    assertThat(line.get("duration_ms")).isInstanceOf(Number.class);
    assertThat(((Number) line.get("duration_ms")).doubleValue()).isGreaterThanOrEqualTo(0.0);
    assertThat(events.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).isEqualTo("request"));
  }

  @Test
  void a_rejected_request_is_logged_with_its_error_status_and_no_subject() throws InterruptedException {
    HttpResponse<Buffer> response = app.client.get("/v1/me").putHeader("X-Request-Id", "trace-2")
      .putHeader("Authorization", "Bearer not.a.jwt").send().await();
    assertThat(response.statusCode()).isEqualTo(401);

    List<Map<String, Object>> lines = linesOf("trace-2");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).containsEntry("status", 401).containsEntry("path", "/v1/me")
      .containsEntry("subject", null);
  }
}
