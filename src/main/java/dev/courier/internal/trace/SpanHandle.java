package dev.courier.internal.trace;

/**
 * A request's or a task attempt's span while it runs. Without an exporter it is only its ids; with OpenTelemetry it is
 * a recorded span. Every method is cheap and never blocks: export happens on the exporter's own thread.
 */
public interface SpanHandle {

  /** @return this span's trace id, own id and sampling: what children name as their parent. */
  TraceParent context();

  /** Renames the span once more is known (a request's operation). */
  void name(String name);

  void set(String key, String value);

  void set(String key, long value);

  /**
   * Marks the span as failed.
   *
   * @param cause recorded with its stack trace when not null: only for what the log records so too (a 5xx)
   */
  void failed(String description, Throwable cause);

  /** Ends the span; later calls do nothing. */
  void end();
}
