package dev.courier.internal.trace.otel;

import dev.courier.internal.trace.SpanHandle;
import dev.courier.internal.trace.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;

/** A recorded span, with the ids Courier carries for it. */
final class OtelSpan implements SpanHandle {

  private final Span span;
  private final TraceParent context;

  private OtelSpan(Span span) {
    this.span = span;
    this.context = ids(span.getSpanContext());
  }

  static OtelSpan start(SpanBuilder builder) {
    return new OtelSpan(builder.startSpan());
  }

  static TraceParent ids(SpanContext context) {
    return new TraceParent(context.getTraceId(), context.getSpanId(), context.isSampled());
  }

  @Override
  public TraceParent context() {
    return context;
  }

  @Override
  public void name(String name) {
    span.updateName(name);
  }

  @Override
  public void set(String key, String value) {
    span.setAttribute(key, value);
  }

  @Override
  public void set(String key, long value) {
    span.setAttribute(key, value);
  }

  @Override
  public void failed(String description, Throwable cause) {
    span.setStatus(StatusCode.ERROR, description);
    if (cause != null) {
      span.recordException(cause);
    }
  }

  @Override
  public void end() {
    span.end(); // the SDK ignores a second end
  }
}
