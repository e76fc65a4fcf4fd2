package dev.courier.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The only class that names the Prometheus registry: the others see a Micrometer {@link MeterRegistry}, so a node
 * with {@code metrics.enabled} false runs without {@code micrometer-registry-prometheus} on its class path (the JVM
 * loads this class only when metrics are on). Check {@link MeteredVertx#requirePrometheus} before touching it: the JVM
 * refuses to load this class without the registry.
 */
final class PrometheusBackend {

  private PrometheusBackend() {
  }

  static MeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Micrometer's default pause detector wakes threads every 100 ms and does extra work on every timer sample, to
    // correct for coordinated omission; Courier's timers measure work the node did, not a load generator's view
    registry.config().pauseDetector(new NoPauseDetector());
    return registry;
  }

  static boolean scrapes(MeterRegistry registry) {
    return registry instanceof PrometheusMeterRegistry;
  }

  /** @return every meter of {@code registry} in the Prometheus text format (0.0.4) */
  static String scrape(MeterRegistry registry) {
    return ((PrometheusMeterRegistry) registry).scrape();
  }
}
