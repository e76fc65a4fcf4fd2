package dev.courier.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import dev.courier.context.CallContext;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.List;

/**
 * Logback layout writing one JSON object per line: time, level, logger, message, the event's key-value pairs, and
 * the request id, subject, task id and trace id of the {@link CallContext} the line was logged in (so a task's lines
 * carry the request that fired it, and its trace). A key-value pair of the same name wins over the call's field. Stack
 * traces stay in the log, as one field.
 *
 * <p>The JSON is written by hand, not through a JSON tree and a generator: a busy node writes a line per request and
 * per task attempt, and the tree cost several times more than the rest of the line's way to stdout.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  // the last time written: at the rates where the cost matters, many lines share their millisecond
  private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

  private record Stamp(long millis, String text) {
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return format(event, CallContext.find().orElse(null));
  }

  /** The line of {@code event}, logged in {@code call} (null outside any): for lines written on another thread. */
  String format(ILoggingEvent event, CallContext call) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    IThrowableProxy thrown = event.getThrowableProxy();
    StringBuilder line = new StringBuilder(256);
    line.append("{\"ts\":\"").append(timestamp(event.getTimeStamp())).append('"');
    field(line, "level", event.getLevel().toString());
    field(line, "logger", event.getLoggerName());
    field(line, "msg", event.getFormattedMessage());
    if (call != null) {
      callField(line, pairs, "request_id", call.requestId(), true);
      callField(line, pairs, "subject", call.subject(), false);
      callField(line, pairs, "task_id", call.taskId(), false);
      callField(line, pairs, "trace_id", call.traceId(), false);
    }
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        if (thrown == null || !pair.key.equals("error") && !pair.key.equals("stack")) {
          line.append(',');
          string(line, pair.key);
          line.append(':');
          value(line, pair.value);
        }
      }
    }
    if (thrown != null) {
      field(line, "error", thrown.getClassName() + ": " + thrown.getMessage());
      field(line, "stack", ThrowableProxyUtil.asString(thrown));
    }
    return line.append('}').append(System.lineSeparator()).toString();
  }

  private String timestamp(long millis) {
    Stamp stamp = last;
    if (stamp.millis != millis) {
      stamp = new Stamp(millis, Instant.ofEpochMilli(millis).toString());
      last = stamp;
    }
    return stamp.text;
  }

  /** A call's field, unless a key-value pair of the line names it too; {@code always}: even when null. */
  private static void callField(StringBuilder line, List<KeyValuePair> pairs, String key, String value,
                                boolean always) {
    if ((always || value != null) && !named(pairs, key)) {
      field(line, key, value);
    }
  }

  private static boolean named(List<KeyValuePair> pairs, String key) {
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        if (key.equals(pair.key)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void field(StringBuilder line, String key, String value) {
    line.append(",\"").append(key).append("\":");
    string(line, value);
  }

  /** Numbers and booleans as JSON's own, anything else as its text (as a JSON tree of the same values encodes). */
  private static void value(StringBuilder line, Object value) {
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof java.math.BigInteger || value instanceof java.math.BigDecimal) {
      line.append(value);
    } else if (value instanceof Double d) {
      number(line, d);
    } else if (value instanceof Float f) {
      number(line, f.doubleValue());
    } else if (value instanceof Number n) {
      number(line, n.doubleValue());
    } else {
      string(line, value == null ? null : String.valueOf(value));
    }
  }

  private static void number(StringBuilder line, double d) {
    if (Double.isFinite(d)) {
      line.append(d);
    } else {
      line.append('"').append(d).append('"'); // JSON has no NaN or Infinity
    }
  }

  /** A JSON string: quote, backslash and control characters escaped, everything else as it is. */
  private static void string(StringBuilder line, String s) {
    if (s == null) {
      line.append("null");
      return;
    }
    line.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      line.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        case '\b' -> line.append("\\b");
        case '\f' -> line.append("\\f");
        default -> line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    line.append(s, start, s.length()).append('"');
  }
}
