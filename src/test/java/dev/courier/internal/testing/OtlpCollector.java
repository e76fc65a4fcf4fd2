package dev.courier.internal.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A stand-in OpenTelemetry collector: a real HTTP server on a free loopback port that accepts OTLP/HTTP trace exports
 * ({@code POST /v1/traces}, protobuf) and decodes the spans in them, reading the protobuf wire format by hand (the
 * few fields a test asserts), so no OTLP or protobuf library is needed to check what Courier sends.
 */
public final class OtlpCollector implements AutoCloseable {

  /** One exported span: ids in hex (parent empty for a root), OTLP's kind number, and its attributes. */
  public record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
                     Map<String, Object> attributes, int statusCode) {
    public static final int SERVER = 2;
    public static final int PRODUCER = 4;
    public static final int CONSUMER = 5;
  }

  private final HttpServer server;
  private final List<Span> spans = new ArrayList<>();
  private final List<String> contentTypes = new ArrayList<>();

  private OtlpCollector(HttpServer server) {
    this.server = server;
  }

  public static OtlpCollector start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    OtlpCollector collector = new OtlpCollector(server);
    server.createContext("/v1/traces", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      List<Span> decoded = new ArrayList<>();
      new Proto(body).each((field, value) -> {
        if (field == 1) { // ResourceSpans
          value.message().each((f2, scopeSpans) -> {
            if (f2 == 2) {
              scopeSpans.message().each((f3, span) -> {
                if (f3 == 2) {
                  decoded.add(span(span.message()));
                }
              });
            }
          });
        }
      });
      synchronized (collector) {
        collector.spans.addAll(decoded);
        collector.contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      }
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, 0); // an empty ExportTraceServiceResponse: everything accepted
      exchange.close();
    });
    server.start();
    return collector;
  }

  /** @return the base URL, without the traces path (Courier adds it) */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public synchronized List<Span> spans() {
    return List.copyOf(spans);
  }

  public synchronized List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Span span(Proto span) {
    String[] ids = {"", "", ""};
    String[] name = {""};
    int[] kind = {0};
    int[] status = {0};
    Map<String, Object> attributes = new HashMap<>();
    span.each((field, value) -> {
      switch (field) {
        case 1 -> ids[0] = HexFormat.of().formatHex(value.bytes());
        case 2 -> ids[1] = HexFormat.of().formatHex(value.bytes());
        case 4 -> ids[2] = HexFormat.of().formatHex(value.bytes());
        case 5 -> name[0] = value.text();
        case 6 -> kind[0] = (int) value.number();
        case 9 -> attribute(value.message(), attributes);
        case 15 -> value.message().each((f, v) -> {
          if (f == 3) {
            status[0] = (int) v.number();
          }
        });
        default -> { }
      }
    });
    return new Span(ids[0], ids[1], ids[2], name[0], kind[0], attributes, status[0]);
  }

  /** A KeyValue: key (1) and an AnyValue (2) of which strings (1), booleans (2) and integers (3) are read. */
  private static void attribute(Proto keyValue, Map<String, Object> into) {
    String[] key = {null};
    Object[] value = {null};
    keyValue.each((field, v) -> {
      if (field == 1) {
        key[0] = v.text();
      } else if (field == 2) {
        v.message().each((kind, any) -> {
          switch (kind) {
            case 1 -> value[0] = any.text();
            case 2 -> value[0] = any.number() != 0;
            case 3 -> value[0] = any.number();
            default -> { }
          }
        });
      }
    });
    into.put(key[0], value[0]);
  }

  /** The protobuf wire format, field by field: varints, fixed 32/64-bit values and length-delimited bytes. */
  private record Proto(byte[] data) {

    interface FieldVisitor {
      void visit(int field, Value value);
    }

    record Value(long number, byte[] bytes) {
      Proto message() {
        return new Proto(bytes);
      }

      String text() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      }
    }

    void each(FieldVisitor visitor) {
      int[] at = {0};
      while (at[0] < data.length) {
        long tag = varint(at);
        int field = (int) (tag >>> 3);
        switch ((int) (tag & 7)) {
          case 0 -> visitor.visit(field, new Value(varint(at), null));
          case 1 -> {
            visitor.visit(field, new Value(little(at[0], 8), null));
            at[0] += 8;
          }
          case 2 -> {
            int length = (int) varint(at);
            byte[] bytes = java.util.Arrays.copyOfRange(data, at[0], at[0] + length);
            at[0] += length;
            visitor.visit(field, new Value(0, bytes));
          }
          case 5 -> {
            visitor.visit(field, new Value(little(at[0], 4), null));
            at[0] += 4;
          }
          default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " is not OTLP's");
        }
      }
    }

    private long varint(int[] at) {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = data[at[0]++];
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
    }

    private long little(int from, int size) {
      long value = 0;
      for (int i = size - 1; i >= 0; i--) {
        value = value << 8 | (data[from + i] & 0xFF);
      }
      return value;
    }
  }
}
