package dev.courier.internal.metrics;

import dev.courier.api.ApiRequest;
import dev.courier.api.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * {@code GET /metrics}: every meter of the node in the Prometheus text format. Writing the text walks every meter
 * (and the JVM's MXBeans), so it runs on a worker thread, never on the event loop that serves requests.
 */
public final class MetricsOperation {

  /** The framework operation, in {@code courier/openapi/courier.yaml}. */
  public static final String OPERATION_ID = "prometheusMetrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final MeterRegistry registry;

  MetricsOperation(Vertx vertx, MeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  public Future<Reply> handle(ApiRequest request) {
    return vertx.executeBlocking(() -> PrometheusBackend.scrape(registry), false)
      .map(text -> Reply.raw(200, CONTENT_TYPE, Buffer.buffer(text)));
  }
}
