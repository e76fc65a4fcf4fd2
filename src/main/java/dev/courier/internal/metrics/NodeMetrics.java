package dev.courier.internal.metrics;

import dev.courier.internal.config.MetricsConfig;
import dev.courier.internal.queue.Queues;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One node's metrics: its Prometheus registry (the one its Vert.x reports to when {@link MeteredVertx} made it, else
 * one of its own with the JVM's meters), Courier's HTTP and task meters, the queue gauges and the scrape operation.
 * With {@code metrics.enabled} false it is {@link #OFF}: nothing is recorded and no Prometheus class is loaded.
 */
public final class NodeMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);
  public static final NodeMetrics OFF = new NodeMetrics(null, List.of());

  private final MeterRegistry registry;
  private final List<AutoCloseable> owned;
  private final HttpMeters http;
  private final TaskMeters tasks;
  private QueueGauges queues;
  // Micrometer holds a function meter's source weakly: the suppliers (often lambdas) are held here, for the node's life
  private final List<Object> sources = new java.util.concurrent.CopyOnWriteArrayList<>();

  private NodeMetrics(MeterRegistry registry, List<AutoCloseable> owned) {
    this.registry = registry;
    this.owned = owned;
    this.http = registry == null ? null : new HttpMeters(registry);
    this.tasks = registry == null ? TaskMeters.NONE : new TaskMeters(registry);
  }

  /** @throws IllegalStateException in one line when metrics are on but the Prometheus registry is missing */
  public static NodeMetrics of(Vertx vertx, MetricsConfig config) {
    if (!config.enabled()) {
      return OFF;
    }
    MeteredVertx.requirePrometheus();
    MeterRegistry fed = MeteredVertx.registryOf(vertx).orElse(null);
    if (fed != null) {
      return new NodeMetrics(fed, List.of()); // closed by Vert.x, with the JVM binders it bound
    }
    // A Vert.x made elsewhere (an embedding program's): Courier's meters and the JVM's, but Vert.x reports nothing
    MeterRegistry own = PrometheusBackend.newRegistry();
    List<AutoCloseable> owned = new ArrayList<>(JvmMeters.bind(own));
    owned.add(own::close);
    return new NodeMetrics(own, owned);
  }

  public boolean enabled() {
    return registry != null;
  }

  /** @return the HTTP meters, or null when metrics are off */
  public HttpMeters http() {
    return http;
  }

  /** @return the task meters ({@link TaskMeters#NONE} when metrics are off) */
  public TaskMeters tasks() {
    return tasks;
  }

  /** @return {@code GET /metrics}, or null when metrics are off */
  public MetricsOperation operation(Vertx vertx) {
    return registry == null ? null : new MetricsOperation(vertx, registry);
  }

  /** Reads the sizes of {@code names} every {@code periodSeconds} for {@code courier_queue_tasks}. */
  public void watchQueues(Vertx vertx, Queues from, List<String> names, int periodSeconds) {
    if (registry != null && queues == null) {
      queues = new QueueGauges(vertx, registry, from, names);
      queues.start(periodSeconds * 1000L);
    }
  }

  /** A counter whose value something else keeps (it only ever grows). */
  public void countFrom(String name, String description, LongSupplier value) {
    if (registry != null) {
      sources.add(value);
      FunctionCounter.builder(name, value, v -> v.getAsLong()).description(description).register(registry);
    }
  }

  /** A counter whose value something else keeps, for one queue (tag {@code queue}). */
  public void countFrom(String name, String description, String queue, LongSupplier value) {
    if (registry != null) {
      sources.add(value);
      FunctionCounter.builder(name, value, v -> v.getAsLong()).description(description).tag("queue", queue)
        .register(registry);
    }
  }

  /** A gauge whose value something else keeps. */
  public void gaugeFrom(String name, String description, LongSupplier value) {
    if (registry != null) {
      sources.add(value);
      Gauge.builder(name, value, v -> v.getAsLong()).description(description).register(registry);
    }
  }

  /** Stops the queue gauges' timer and closes what this node made (not a registry its Vert.x closes). */
  public void close() {
    if (queues != null) {
      queues.stop();
    }
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("closing a meter binder failed", e);
      }
    }
  }
}
