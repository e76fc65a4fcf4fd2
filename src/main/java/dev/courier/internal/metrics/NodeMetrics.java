package dev.courier.internal.metrics;

import dev.courier.internal.config.MetricsConfig;
import dev.courier.internal.queue.Queues;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  // what the function meters read, held by their registry's entry in READ: as long as the registry can be scraped, not
  // only as long as something keeps this node (a program that embeds Courier may drop its node and keep the registry)
  private final Map<String, LongSupplier> read;
  private static final Map<MeterRegistry, Map<String, LongSupplier>> READ =
    java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private QueueGauges queues;
  private final List<Meter> functionMeters = new java.util.concurrent.CopyOnWriteArrayList<>();

  private NodeMetrics(MeterRegistry registry, List<AutoCloseable> owned) {
    this.registry = registry;
    this.owned = owned;
    this.read = registry == null ? new ConcurrentHashMap<>()
      : READ.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
    this.http = registry == null ? null : new HttpMeters(registry);
    this.tasks = registry == null ? TaskMeters.NONE : new TaskMeters(registry);
  }

  /** Meters on {@code registry}, which the caller owns (tests). */
  static NodeMetrics on(MeterRegistry registry) {
    return new NodeMetrics(registry, List.of());
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
      own(FunctionCounter.builder(name, held(name, List.of(), value), LongSupplier::getAsLong)
        .description(description).register(registry));
    }
  }

  /** A counter whose value something else keeps, for one queue (tag {@code queue}). */
  public void countFrom(String name, String description, String queue, LongSupplier value) {
    if (registry != null) {
      own(FunctionCounter.builder(name, held(name, List.of("queue", queue), value), LongSupplier::getAsLong)
        .description(description).tag("queue", queue).register(registry));
    }
  }

  /** A gauge whose value something else keeps. */
  public void gaugeFrom(String name, String description, LongSupplier value) {
    if (registry != null) {
      own(Gauge.builder(name, held(name, List.of(), value), LongSupplier::getAsLong).description(description)
        .strongReference(true).register(registry));
    }
  }

  /**
   * Keeps {@code value} for as long as this node lives. Micrometer holds what a function counter or a gauge reads only
   * weakly: a supplier made for the registration alone is collected at the next GC, after which the counter stays
   * frozen and the gauge reads NaN. A second registration of the same meter would be ignored by Micrometer, reading
   * the first supplier only: it is refused here instead.
   *
   * @throws IllegalStateException when this meter (name and tags) was registered already
   */
  private LongSupplier held(String name, List<String> tags, LongSupplier value) {
    String id = name + tags;
    if (read.putIfAbsent(id, value) != null) {
      throw new IllegalStateException("meter " + id + " is registered twice");
    }
    return value;
  }

  private static List<String> tagsOf(Meter meter) {
    List<String> tags = new ArrayList<>();
    meter.getId().getTagsAsIterable().forEach(t -> {
      tags.add(t.getKey());
      tags.add(t.getValue());
    });
    return tags;
  }

  private void own(Meter meter) {
    functionMeters.add(meter);
  }

  /**
   * Stops the queue gauges' timer and closes what this node made (not a registry its Vert.x closes). Its function
   * meters leave the registry with what they read: a node started later on the same registry registers its own.
   */
  public void close() {
    for (Meter meter : functionMeters) {
      registry.remove(meter);
      read.remove(meter.getId().getName() + tagsOf(meter));
    }
    functionMeters.clear();
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
