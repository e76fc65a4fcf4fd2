package dev.courier.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import dev.courier.context.CallContext;
import io.vertx.core.json.JsonObject;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;

/**
 * Logback layout writing one JSON object per line: time, level, logger, message, the event's key-value pairs, and
 * the request id, subject, task id and trace id of the {@link CallContext} the line was logged in (so a task's lines
 * carry the request that fired it, and its trace). Stack traces stay in the log, as one field.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    return format(event, CallContext.find().orElse(null));
  }

  /** The line of {@code event}, logged in {@code call} (null outside any): for lines written on another thread. */
  String format(ILoggingEvent event, CallContext call) {
    JsonObject line = new JsonObject()
      .put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString())
      .put("level", event.getLevel().toString())
      .put("logger", event.getLoggerName())
      .put("msg", event.getFormattedMessage());
    if (call != null) {
      line.put("request_id", call.requestId());
      putIfSet(line, "subject", call.subject());
      putIfSet(line, "task_id", call.taskId());
      putIfSet(line, "trace_id", call.traceId());
    }
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        line.put(pair.key, pair.value instanceof Number || pair.value instanceof Boolean
          ? pair.value : pair.value == null ? null : String.valueOf(pair.value));
      }
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.put("error", thrown.getClassName() + ": " + thrown.getMessage());
      line.put("stack", ThrowableProxyUtil.asString(thrown));
    }
    return line.encode() + System.lineSeparator();
  }

  private static void putIfSet(JsonObject line, String key, String value) {
    if (value != null) {
      line.put(key, value);
    }
  }
}
