package dev.courier.log;

import dev.courier.internal.testing.BoundCalls;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.courier.context.Principal;
import dev.courier.context.CallContext;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.event.KeyValuePair;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One JSON object per line, with the request id, subject and task id of the call the line was logged in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLineLayoutTest {

  private final Logger logger = new LoggerContext().getLogger("dev.courier.sample");
  private final JsonLineLayout layout = new JsonLineLayout();
  private Vertx vertx;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  private LoggingEvent event(String message, Throwable thrown, Object... args) {
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, thrown, args);
    event.setTimeStamp(1_700_000_000_123L);
    return event;
  }

  /** Renders {@code event} on a request-like (duplicated) context to which {@code call} is bound. */
  private String renderInCall(CallContext call, LoggingEvent event) {
    Context context = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    Promise<String> line = Promise.promise();
    context.runOnContext(v -> {
      BoundCalls.bind(context, call);
      line.complete(layout.doLayout(event));
    });
    return line.future().await();
  }

  private static void assertOneLine(String line) {
    assertThat(line).endsWith(System.lineSeparator());
    assertThat(line.substring(0, line.length() - System.lineSeparator().length())).doesNotContain("\n", "\r");
  }

  @Test
  void a_line_logged_in_a_request_carries_its_request_id_and_subject() {
    Principal alice = new Principal("alice", Set.of("admin"), new JsonObject());
    LoggingEvent event = event("user {} created", null, "u1");
    event.addKeyValuePair(new KeyValuePair("count", 3));
    event.addKeyValuePair(new KeyValuePair("ok", true));
    event.addKeyValuePair(new KeyValuePair("email", "a@b.c"));

    String line = renderInCall(new CallContext(alice, "trace-1", null, 0, "4bf92f3577b34da6a3ce929d0e0e4736"), event);

    assertOneLine(line);
    JsonObject json = new JsonObject(line.trim());
    assertThat(json.getString("ts")).isEqualTo("2023-11-14T22:13:20.123Z");
    assertThat(json.getString("level")).isEqualTo("INFO");
    assertThat(json.getString("logger")).isEqualTo("dev.courier.sample");
    assertThat(json.getString("msg")).isEqualTo("user u1 created");
    assertThat(json.getString("request_id")).isEqualTo("trace-1");
    assertThat(json.getString("subject")).isEqualTo("alice");
    assertThat(json.getString("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(json.containsKey("task_id")).isFalse();
    assertThat(json.getValue("count")).isEqualTo(3);
    assertThat(json.getValue("ok")).isEqualTo(true);
    assertThat(json.getString("email")).isEqualTo("a@b.c");
  }

  @Test
  void a_line_logged_in_a_task_carries_the_task_id() {
    JsonObject json = new JsonObject(renderInCall(new CallContext(null, "trace-2", "task-9", 1, null),
      event("run", null)).trim());
    assertThat(json.getString("request_id")).isEqualTo("trace-2");
    assertThat(json.getString("task_id")).isEqualTo("task-9");
    assertThat(json.containsKey("subject")).isFalse();
    assertThat(json.containsKey("trace_id")).as("a call without a trace id").isFalse();
  }

  @Test
  void a_line_logged_outside_any_call_has_no_request_id() {
    JsonObject json = new JsonObject(layout.doLayout(event("started", null)).trim());
    assertThat(json.getString("msg")).isEqualTo("started");
    assertThat(json.containsKey("request_id")).isFalse();
  }

  @Test
  void a_stack_trace_stays_on_the_one_line_as_a_field() {
    String line = layout.doLayout(event("failed", new IllegalStateException("bad\nthing")));
    assertOneLine(line);
    JsonObject json = new JsonObject(line.trim());
    assertThat(json.getString("error")).isEqualTo("java.lang.IllegalStateException: bad\nthing");
    assertThat(json.getString("stack")).contains("JsonLineLayoutTest");
  }

  @Test
  void awkward_values_are_valid_json_with_the_values_they_were() {
    String awkward = "q\"uote \\ back\n\r\t\b\f \u0001\u001f\u007f é 日本 \u2028 😀 </script>";
    LoggingEvent event = event(awkward, null);
    event.addKeyValuePair(new KeyValuePair(awkward, awkward));
    event.addKeyValuePair(new KeyValuePair("long", 9_000_000_000L));
    event.addKeyValuePair(new KeyValuePair("ms", 0.125));
    event.addKeyValuePair(new KeyValuePair("tiny", 1e-7));
    event.addKeyValuePair(new KeyValuePair("nan", Double.NaN));
    event.addKeyValuePair(new KeyValuePair("big", new java.math.BigDecimal("12.50")));
    event.addKeyValuePair(new KeyValuePair("none", null));
    event.addKeyValuePair(new KeyValuePair("list", java.util.List.of("a", 1)));

    String line = layout.doLayout(event);

    assertOneLine(line);
    JsonObject json = new JsonObject(line.trim());
    assertThat(json.getString("msg")).isEqualTo(awkward);
    assertThat(json.getString(awkward)).isEqualTo(awkward);
    assertThat(json.getLong("long")).isEqualTo(9_000_000_000L);
    assertThat(json.getDouble("ms")).isEqualTo(0.125);
    assertThat(json.getDouble("tiny")).isEqualTo(1e-7);
    assertThat(json.getString("nan")).isEqualTo("NaN");
    assertThat(json.getValue("big").toString()).isEqualTo("12.5");
    assertThat(json.containsKey("none")).isTrue();
    assertThat(json.getValue("none")).isNull();
    assertThat(json.getString("list")).isEqualTo("[a, 1]");
  }

  @Test
  void a_key_value_pair_wins_over_the_calls_field_of_the_same_name() {
    LoggingEvent event = event("request", null);
    event.addKeyValuePair(new KeyValuePair("request_id", "from-the-pair"));
    event.addKeyValuePair(new KeyValuePair("subject", null));

    String line = renderInCall(new CallContext(new Principal("alice", Set.of(), new JsonObject()), "from-the-call",
      null, 0, "4bf92f3577b34da6a3ce929d0e0e4736"), event);

    assertThat(line).containsOnlyOnce("\"request_id\"").containsOnlyOnce("\"subject\"");
    JsonObject json = new JsonObject(line.trim());
    assertThat(json.getString("request_id")).isEqualTo("from-the-pair");
    assertThat(json.getValue("subject")).isNull();
    assertThat(json.getString("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }
}
