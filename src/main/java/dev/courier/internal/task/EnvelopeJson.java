package dev.courier.internal.task;

/**
 * Writes an envelope's JSON text by hand, byte for byte what {@code envelope.toJson().encode()} writes (checked by
 * {@code EnvelopeJsonTest}). Firing is the hot path of an API node and its envelope has a dozen fixed fields: going
 * through a JSON tree and Jackson databind twice (args parsed back, then the whole tree written) cost more than the
 * HMAC, and most of a fresh JVM's warm-up. Arguments that are plain scalars are written here too; anything else
 * (records, collections, Instants, ...) still goes through {@code ModelMapper}, the one mapping of a service.
 */
final class EnvelopeJson {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private EnvelopeJson() {
  }

  /** @param argsJson the arguments as a JSON array text; {@code envelope.args()} is not read */
  static String write(Envelope envelope, String argsJson) {
    StringBuilder out = new StringBuilder(240 + argsJson.length());
    out.append("{\"v\":1,\"id\":");
    string(out, envelope.id());
    out.append(",\"task\":");
    string(out, envelope.task());
    out.append(",\"queue\":");
    string(out, envelope.queue());
    out.append(",\"args\":").append(argsJson);
    out.append(",\"principal\":").append(envelope.principal() == null ? "null" : envelope.principal().encode());
    out.append(",\"request_id\":");
    string(out, envelope.requestId());
    out.append(",\"enqueued_at\":").append(envelope.enqueuedAt());
    out.append(",\"due_at\":").append(envelope.dueAt());
    out.append(",\"attempt\":").append(envelope.attempt());
    out.append(",\"max_attempts\":").append(envelope.maxAttempts());
    out.append(",\"timeout_ms\":").append(envelope.timeoutMs());
    if (envelope.traceparent() != null) {
      // an added field: a worker of an older version skips it, so nodes can be upgraded one at a time
      out.append(",\"traceparent\":");
      string(out, envelope.traceparent());
    }
    return out.append('}').toString();
  }

  /**
   * @return {@code args} as a JSON array text if every one is null, a String, a Boolean, an integral box or a finite
   *     Double or Float (written as Jackson writes them), else null: the caller then uses {@code ModelMapper}
   */
  static String scalars(Object[] args) {
    StringBuilder out = new StringBuilder(16 * args.length + 2).append('[');
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object a = args[i];
      if (a == null || a instanceof Boolean || a instanceof Integer || a instanceof Long || a instanceof Short
          || a instanceof Byte) {
        out.append(a);
      } else if (a instanceof String s) {
        string(out, s);
      } else if (a instanceof Double d && Double.isFinite(d) || a instanceof Float f && Float.isFinite(f)) {
        out.append(a);
      } else {
        return null;
      }
    }
    return out.append(']').toString();
  }

  /** Jackson's escaping: quote, backslash and control characters; everything else as is. */
  static void string(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
