package dev.courier.internal.trace;

import dev.courier.internal.config.TracingConfig;
import io.vertx.core.Future;

import java.lang.reflect.InvocationTargetException;

/**
 * Where a node's spans come from. Without {@code tracing.otlpEndpoint} spans are ids only ({@link #idsOnly()}): trace
 * ids still join a request's log lines to its tasks', and nothing is recorded. With it, the OpenTelemetry SDK records
 * them and exports them over OTLP/HTTP. The SDK is an optional dependency, loaded only then.
 */
public interface Tracing {

  /** @param incoming the caller's context, or null to start a new trace */
  SpanHandle request(TraceParent incoming, String method, String path);

  /** @param parent the context the envelope carries: the span that fired the task */
  SpanHandle attempt(TraceParent parent, String task, String taskId, String queue, int attempt);

  /** @return the context to carry for a task fired outside any request or task: a new trace */
  TraceParent fire(String task);

  /** Exports what is still waiting, then stops. */
  Future<Void> close();

  static Tracing idsOnly() {
    return IdsOnly.INSTANCE;
  }

  /**
   * @return the tracing {@code config} asks for
   * @throws IllegalStateException when an OTLP endpoint is set and the OpenTelemetry SDK is not on the classpath
   */
  static Tracing of(TracingConfig config) {
    if (config.otlpEndpoint().isEmpty()) {
      return idsOnly();
    }
    try {
      Class.forName("io.opentelemetry.sdk.trace.SdkTracerProvider", false, Tracing.class.getClassLoader());
      Class.forName("io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter", false,
        Tracing.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("tracing.otlpEndpoint is set, but the OpenTelemetry SDK is not on the "
        + "classpath: add io.opentelemetry:opentelemetry-sdk-trace, opentelemetry-exporter-otlp and "
        + "opentelemetry-exporter-sender-jdk (" + e.getMessage() + " is missing)");
    }
    // by name, so that this interface links on a classpath without the SDK
    try {
      return (Tracing) Class.forName("dev.courier.internal.trace.otel.OtelTracing")
        .getMethod("start", TracingConfig.class).invoke(null, config);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start tracing: " + e);
    }
  }
}
