package dev.courier.internal.trace.otel;

import dev.courier.internal.config.TracingConfig;
import dev.courier.internal.trace.SpanHandle;
import dev.courier.internal.trace.TraceParent;
import dev.courier.internal.trace.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Records spans with the OpenTelemetry SDK and exports them in batches over OTLP/HTTP, from the SDK's own thread: a
 * request is a server span (a child of the caller's {@code traceparent}, if any), each task attempt a consumer span
 * whose parent is the span that fired the task (the request's, carried in the envelope). Spans are never made
 * "current" in OpenTelemetry's thread-local sense: Vert.x code hops threads, so Courier keeps them in its contexts.
 * Loaded by name, only when {@code tracing.otlpEndpoint} is set.
 */
public final class OtelTracing implements Tracing {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private OtelTracing(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider.get("dev.courier");
  }

  /** Called by {@link Tracing#of} when the config sets an endpoint. */
  public static Tracing start(TracingConfig config) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(config.tracesUrl().orElseThrow())
      .build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
      .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, config.serviceName()))))
      .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
      .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
      .build();
    return new OtelTracing(provider);
  }

  @Override
  public SpanHandle request(TraceParent incoming, String method, String path) {
    SpanBuilder builder = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER)
      .setAttribute("http.request.method", method).setAttribute("url.path", path);
    return OtelSpan.start(incoming == null ? builder.setNoParent() : builder.setParent(parent(incoming)));
  }

  @Override
  public SpanHandle attempt(TraceParent parent, String task, String taskId, String queue, int attempt) {
    return OtelSpan.start(tracer.spanBuilder("task " + task).setSpanKind(SpanKind.CONSUMER).setParent(parent(parent))
      .setAttribute("messaging.system", "courier").setAttribute("messaging.operation.type", "process")
      .setAttribute("messaging.destination.name", queue).setAttribute("messaging.message.id", taskId)
      .setAttribute("courier.task", task).setAttribute("courier.task_id", taskId)
      .setAttribute("courier.attempt", attempt));
  }

  /** A fire outside any span gets a producer span of its own, so its attempts have a parent that exists. */
  @Override
  public TraceParent fire(String task) {
    Span span = tracer.spanBuilder("fire " + task).setSpanKind(SpanKind.PRODUCER).setNoParent()
      .setAttribute("messaging.system", "courier").setAttribute("courier.task", task).startSpan();
    span.end();
    return OtelSpan.ids(span.getSpanContext());
  }

  @Override
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    provider.shutdown().whenComplete(closed::tryComplete); // flushes on the SDK's thread
    return closed.future();
  }

  private static Context parent(TraceParent parent) {
    SpanContext remote = SpanContext.createFromRemoteParent(parent.traceId(), parent.spanId(),
      parent.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    return Context.root().with(Span.wrap(remote));
  }
}
