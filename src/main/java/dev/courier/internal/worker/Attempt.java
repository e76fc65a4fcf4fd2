package dev.courier.internal.worker;

import dev.courier.internal.task.Envelope;
import dev.courier.internal.trace.SpanHandle;
import dev.courier.internal.trace.TraceParent;
import dev.courier.internal.trace.Tracing;
import dev.courier.log.LogConfigurator;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.time.Instant;

/**
 * One attempt of a task as operators see it. Its span is a child of the span that fired the task (the request's,
 * carried in the envelope), so every attempt shares the request's trace id. When the attempt's outcome is recorded it
 * writes one line ({@code tasks.logOutcomes}): {@code succeeded} (INFO), {@code retrying} with the error and the next
 * due time (WARN) or {@code dead} with the reason (ERROR), each with the task, its id, queue, attempt, elapsed time,
 * subject, request id and trace id. Its start is a DEBUG line. Lines go to the {@value LogConfigurator#TASK_LOGGER}
 * logger, which Courier's log set-up writes off the event loop. Home context only.
 */
final class Attempt {

  private static final Logger LOG = LoggerFactory.getLogger(LogConfigurator.TASK_LOGGER);

  private final Envelope envelope;
  private final int number;
  private final SpanHandle span;
  private final boolean logOutcomes;
  private final long startNanos = System.nanoTime();
  private long elapsedNanos = -1;

  private Attempt(Envelope envelope, int number, SpanHandle span, boolean logOutcomes) {
    this.envelope = envelope;
    this.number = number;
    this.span = span;
    this.logOutcomes = logOutcomes;
  }

  /** Starts attempt {@code number} of the task of {@code envelope}: its span, and a DEBUG line. */
  static Attempt start(Tracing tracing, Envelope envelope, int number, boolean logOutcomes) {
    TraceParent parent = envelope.traceparent() == null ? null : TraceParent.parse(envelope.traceparent());
    SpanHandle span = tracing.attempt(parent != null ? parent : TraceParent.ofTask(envelope.id()), envelope.task(),
      envelope.id(), envelope.queue(), number);
    Attempt attempt = new Attempt(envelope, number, span, logOutcomes);
    if (LOG.isDebugEnabled()) {
      attempt.fields(LOG.atDebug()).log("task {} started", envelope.task());
    }
    return attempt;
  }

  SpanHandle span() {
    return span;
  }

  /** The body is over: what the outcome lines report as its elapsed time, and where the span ends. */
  void bodyEnded() {
    if (elapsedNanos < 0) {
      elapsedNanos = System.nanoTime() - startNanos;
    }
  }

  void succeeded() {
    end("succeeded", null);
    if (logOutcomes) {
      fields(LOG.atInfo()).addKeyValue("outcome", "succeeded").log("task {} succeeded", envelope.task());
    }
  }

  void retrying(String error, long dueAtMs, long nowMs) {
    end("retrying", error);
    if (logOutcomes) {
      fields(LOG.atWarn()).addKeyValue("outcome", "retrying").addKeyValue("error", error)
        .addKeyValue("retry_in_ms", Math.max(0, dueAtMs - nowMs))
        .addKeyValue("next_due_at", Instant.ofEpochMilli(dueAtMs).toString())
        .log("task {} failed, retrying: {}", envelope.task(), error);
    }
  }

  void dead(String reason) {
    end("dead", reason);
    if (logOutcomes) {
      fields(LOG.atError()).addKeyValue("outcome", "dead").addKeyValue("reason", reason)
        .log("task {} is dead: {}", envelope.task(), reason);
    }
  }

  /** The outcome was not recorded (another delivery owned the task, or Redis failed): the caller logs why. */
  void unrecorded(String why) {
    end("unrecorded", why);
  }

  /** The body never started: the node is stopping and hands the task back to its queue. */
  void handedBack() {
    end("handed_back", null);
  }

  private void end(String outcome, String error) {
    bodyEnded();
    span.set("courier.outcome", outcome);
    if (error != null) {
      span.failed(error, null); // the error's text, never its stack trace
    }
    span.end();
  }

  private LoggingEventBuilder fields(LoggingEventBuilder line) {
    JsonObject principal = envelope.principal();
    return line.addKeyValue("task", envelope.task()).addKeyValue("task_id", envelope.id())
      .addKeyValue("queue", envelope.queue()).addKeyValue("attempt", number)
      .addKeyValue("max_attempts", envelope.maxAttempts())
      .addKeyValue("elapsed_ms", elapsedNanos < 0 ? 0.0 : elapsedNanos / 1_000_000.0)
      .addKeyValue("subject", principal == null ? null : principal.getString("subject"))
      .addKeyValue("request_id", envelope.requestId()).addKeyValue("trace_id", span.context().traceId());
  }
}
