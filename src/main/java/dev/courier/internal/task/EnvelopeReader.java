package dev.courier.internal.task;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an envelope's JSON (what {@link EnvelopeJson} writes) with Jackson's streaming parser, straight into an
 * {@link Envelope}: opening is the hot path of a worker, and a JSON tree through databind first cost more than the
 * HMAC and much of a fresh JVM's compile time. Values come out as Vert.x's own decoding gives them (Integer when an
 * integer fits, then Long, BigInteger; Double; maps and lists inside {@code args} and {@code principal}). Unknown
 * fields are skipped, so a newer writer can add some; {@code traceparent} is absent from envelopes written before it
 * was added, and reads as null.
 */
final class EnvelopeReader {

  private static final JsonFactory FACTORY = new JsonFactory();

  private EnvelopeReader() {
  }

  /** @throws IllegalArgumentException when the bytes are not an envelope of version 1 with its required fields */
  static Envelope read(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("an envelope is a JSON object");
      }
      int version = 0;
      String id = null;
      String task = null;
      String queue = null;
      List<Object> args = null;
      Map<String, Object> principal = null;
      String requestId = null;
      long enqueuedAt = 0;
      long dueAt = 0;
      int attempt = 1;
      int maxAttempts = 1;
      long timeoutMs = 0;
      String traceparent = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "v" -> version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
          case "id" -> id = text(p, t);
          case "task" -> task = text(p, t);
          case "queue" -> queue = text(p, t);
          case "args" -> args = t == JsonToken.VALUE_NULL ? null : list(p, expect(t, JsonToken.START_ARRAY, field));
          case "principal" -> principal = t == JsonToken.VALUE_NULL ? null
            : map(p, expect(t, JsonToken.START_OBJECT, field));
          case "request_id" -> requestId = text(p, t);
          case "enqueued_at" -> enqueuedAt = p.getValueAsLong(0);
          case "due_at" -> dueAt = p.getValueAsLong(0);
          case "attempt" -> attempt = p.getValueAsInt(1);
          case "max_attempts" -> maxAttempts = p.getValueAsInt(1);
          case "timeout_ms" -> timeoutMs = p.getValueAsLong(0);
          case "traceparent" -> traceparent = text(p, t);
          default -> p.skipChildren();
        }
      }
      if (version != 1) {
        throw new IllegalArgumentException("unknown envelope version " + version);
      }
      return new Envelope(required(id, "id"), required(task, "task"), required(queue, "queue"),
        new JsonArray(args == null ? new ArrayList<>() : args), principal == null ? null : new JsonObject(principal),
        requestId, enqueuedAt, dueAt, attempt, maxAttempts, timeoutMs, traceparent);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
  }

  private static JsonToken expect(JsonToken actual, JsonToken wanted, String field) {
    if (actual != wanted) {
      throw new IllegalArgumentException("envelope field '" + field + "' has the wrong type");
    }
    return actual;
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  private static String required(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("envelope has no '" + name + "'");
    }
    return value;
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> map(p, t);
      case START_ARRAY -> list(p, t);
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue(); // Integer, Long or BigInteger, the smallest that fits
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("unexpected " + t);
    };
  }

  private static List<Object> list(JsonParser p, JsonToken start) throws IOException {
    List<Object> list = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      list.add(value(p, t));
    }
    return list;
  }

  private static Map<String, Object> map(JsonParser p, JsonToken start) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      map.put(name, value(p, p.nextToken()));
    }
    return map;
  }
}
