package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tracing.*}: an OTLP endpoint turns span export on; the traces path is added where the URL has none. */
class TracingConfigTest {

  @Test
  void aCollectorWithoutPathGetsTheTracesPath() {
    assertThat(load(minimalWith("tracing.otlpEndpoint", "http://collector:4318")).tracing().tracesUrl())
      .contains("http://collector:4318/v1/traces");
    assertThat(load(minimalWith("tracing.otlpEndpoint", "https://collector:4318/")).tracing().tracesUrl())
      .contains("https://collector:4318/v1/traces");
  }

  @Test
  void aUrlWithAPathIsUsedAsGiven() {
    assertThat(load(minimalWith("tracing.otlpEndpoint", "http://gateway/otlp/traces")).tracing().tracesUrl())
      .contains("http://gateway/otlp/traces");
  }

  @Test
  void theEnvironmentCanTurnItOn() {
    TracingConfig tracing = load(minimal(), Map.of("COURIER_TRACING_OTLP_ENDPOINT", "http://127.0.0.1:4318",
      "COURIER_TRACING_SERVICE_NAME", "signup-api")).tracing();
    assertThat(tracing.tracesUrl()).contains("http://127.0.0.1:4318/v1/traces");
    assertThat(tracing.serviceName()).isEqualTo("signup-api");
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsRefused() {
    failureOf(minimalWith("tracing.otlpEndpoint", "collector:4318"))
      .contains("tracing.otlpEndpoint").contains("http:// or https:// URL");
    failureOf(minimalWith("tracing.otlpEndpoint", "grpc://collector:4317")).contains("tracing.otlpEndpoint");
  }

  @Test
  void outcomeLinesCanBeTurnedOff() {
    assertThat(load(minimalWith("tasks.logOutcomes", false)).tasks().logOutcomes()).isFalse();
    assertThat(load(minimal(), Map.of("COURIER_TASKS_LOG_OUTCOMES", "false")).tasks().logOutcomes()).isFalse();
  }
}
