package dev.courier.internal.metrics;

import dev.courier.internal.config.MetricsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.impl.MicrometerMetrics;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A node's Vert.x, made with Micrometer metrics when {@code metrics.enabled}: Vert.x then reports its Redis clients
 * (requests and pools), its worker pools and the JVM to the node's Prometheus registry. Vert.x decides this when it
 * is created, so a node's Vert.x must be made here for those meters to exist; Courier's own meters do not need it.
 */
public final class MeteredVertx {

  // What Vert.x would measure per request, per socket or per message: Courier measures its HTTP operations itself
  // (by operationId), and sockets, the event bus and verticles are noise here. Left on: named pools (the Redis
  // pools, worker pools) and the "redis" client.
  private static final Set<String> OFF = Stream.of(MetricsDomain.HTTP_SERVER, MetricsDomain.HTTP_CLIENT,
      MetricsDomain.NET_SERVER, MetricsDomain.NET_CLIENT, MetricsDomain.DATAGRAM_SOCKET, MetricsDomain.EVENT_BUS,
      MetricsDomain.VERTICLES)
    .map(MetricsDomain::toCategory).collect(Collectors.toUnmodifiableSet());

  private static final String PROMETHEUS_REGISTRY = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

  private MeteredVertx() {
  }

  /**
   * @return a new Vert.x, reporting to a registry of its own when {@code config.enabled()}; plain otherwise
   * @throws IllegalStateException in one line when metrics are on but the Prometheus registry is missing
   */
  public static Vertx create(MetricsConfig config) {
    if (!config.enabled()) {
      return Vertx.vertx();
    }
    requirePrometheus();
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
      // vertx-micrometer shares a registry among the Vert.x instances of a JVM that use the same name
      .setRegistryName("courier-" + UUID.randomUUID())
      .setJvmMetricsEnabled(true)
      .addLabels(Label.NAMESPACE) // tells the node's two Redis clients apart (RedisClients names them)
      .setDisabledMetricsCategories(new HashSet<>(OFF));
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
      .withMetrics(new MicrometerMetricsFactory(PrometheusBackend.newRegistry()))
      .build();
  }

  /**
   * Loads and initialises the metrics classes (Micrometer, its Prometheus registry, vertx-micrometer) by making a
   * throwaway registry: {@code Main} runs this on a side thread while it reads the config, which decides how Vert.x is
   * made, so that making it does not load them all then. Does nothing without the Prometheus registry.
   */
  public static void warmUp() {
    try {
      requirePrometheus();
    } catch (IllegalStateException missing) {
      return; // the node says so itself, if its config turns metrics on
    }
    new MicrometerMetricsOptions().setEnabled(true);
    PrometheusBackend.newRegistry().close();
  }

  /**
   * Checked before {@link PrometheusBackend} is loaded, which names the registry (and would fail to load without it).
   *
   * @throws IllegalStateException in one line when the Prometheus registry is not on the class path
   */
  static void requirePrometheus() {
    try {
      Class.forName(PROMETHEUS_REGISTRY, false, MeteredVertx.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("metrics.enabled is true but io.micrometer:micrometer-registry-prometheus is "
        + "not on the class path; add it, or set metrics.enabled to false");
    }
  }

  /** @return the Prometheus registry {@code vertx} reports to, when it was made by {@link #create}. */
  static Optional<MeterRegistry> registryOf(Vertx vertx) {
    if (vertx instanceof MetricsProvider provider && provider.getMetrics() instanceof MicrometerMetrics metrics
      && PrometheusBackend.scrapes(metrics.registry())) {
      return Optional.of(metrics.registry());
    }
    return Optional.empty();
  }
}
