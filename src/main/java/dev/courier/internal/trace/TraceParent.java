package dev.courier.internal.trace;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One span's place in a W3C trace (Trace Context, level 1): the trace it belongs to, its own span id, and whether the
 * trace is sampled. Read from and written as the {@code traceparent} header, and carried in task envelopes so that
 * every attempt of a task is a child of the request that fired it.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId  16 lower-case hex digits, not all zero
 * @param sampled whether the trace is recorded (flag 01)
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

  public static final String HEADER = "traceparent";
  private static final int LENGTH = 55; // "00-" + 32 + "-" + 16 + "-" + 2
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** @return the context of a {@code traceparent} value, or null when it is absent or invalid (start a new trace). */
  public static TraceParent parse(String header) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    if (value.length() < LENGTH || !hex(value, 0, 2) || value.startsWith("ff")) {
      return null;
    }
    // version 00 is exactly 55 characters; a later version may append fields, after a dash
    boolean badLength = value.startsWith("00") ? value.length() != LENGTH
      : value.length() > LENGTH && value.charAt(LENGTH) != '-';
    if (badLength || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-'
        || !hex(value, 3, 35) || !hex(value, 36, 52) || !hex(value, 53, 55)) {
      return null;
    }
    String traceId = value.substring(3, 35);
    String spanId = value.substring(36, 52);
    if (zeros(traceId) || zeros(spanId)) {
      return null;
    }
    return new TraceParent(traceId, spanId, (Character.digit(value.charAt(54), 16) & 1) == 1);
  }

  /** @return this context as a {@code traceparent} value (version 00). */
  public String header() {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  /**
   * @return a new trace with a new root span id, marked sampled: nothing recorded it here, but a node that records
   *     spans (a worker with an exporter, for a task fired by a script) should
   */
  public static TraceParent newTrace() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new TraceParent(hex(nonZero(random.nextLong())) + hex(random.nextLong()), newSpanId(), true);
  }

  /** @return a new span of this context's trace. */
  public TraceParent child() {
    return new TraceParent(traceId, newSpanId(), sampled);
  }

  /**
   * For a task whose envelope carries no trace (written before envelopes did): a trace derived from the task id, so
   * that every attempt of that task still shares one trace id.
   */
  public static TraceParent ofTask(String taskId) {
    UUID derived = UUID.nameUUIDFromBytes(taskId.getBytes(StandardCharsets.UTF_8));
    long low = nonZero(derived.getLeastSignificantBits());
    return new TraceParent(hex(derived.getMostSignificantBits()) + hex(low), hex(low), true);
  }

  static String newSpanId() {
    return hex(nonZero(ThreadLocalRandom.current().nextLong()));
  }

  private static long nonZero(long value) {
    return value == 0 ? 1 : value;
  }

  private static String hex(long value) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return new String(out);
  }

  private static boolean hex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean zeros(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
