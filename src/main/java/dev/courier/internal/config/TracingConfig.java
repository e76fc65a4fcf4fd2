package dev.courier.internal.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Span export settings ({@code tracing.*}).
 *
 * @param otlpEndpoint the collector spans are sent to over OTLP/HTTP (protobuf); empty: no spans are recorded (trace
 *                     ids still join the log lines of a request and its tasks)
 * @param serviceName  the {@code service.name} spans are exported under
 */
public record TracingConfig(Optional<String> otlpEndpoint, String serviceName) {

  public TracingConfig {
    Objects.requireNonNull(otlpEndpoint, "'otlpEndpoint' cannot be null");
    Objects.requireNonNull(serviceName, "'serviceName' cannot be null");
  }

  /**
   * @return the URL spans are posted to: the endpoint as given, or with {@code /v1/traces} added when it has no path
   *     (as OpenTelemetry's {@code OTEL_EXPORTER_OTLP_ENDPOINT} is read)
   */
  public Optional<String> tracesUrl() {
    return otlpEndpoint.map(url -> {
      String path = java.net.URI.create(url).getRawPath();
      return path == null || path.isEmpty() || path.equals("/") ? url.replaceAll("/$", "") + "/v1/traces" : url;
    });
  }
}
