package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code redis.commandTimeoutMs}: a deadline below the lease, derived from a short lease when unset. */
class CommandTimeoutConfigTest {

  private static JsonObject with(Integer commandTimeoutMs, Integer leaseSeconds) {
    JsonObject json = minimal();
    if (commandTimeoutMs != null) {
      json.getJsonObject("redis").put("commandTimeoutMs", commandTimeoutMs);
    }
    if (leaseSeconds != null) {
      json.getJsonObject("tasks").put("leaseSeconds", leaseSeconds);
    }
    return json;
  }

  @Test
  void unsetItIsFiveSecondsOrAThirdOfAShortLease() {
    assertThat(ConfigFixtures.load(with(null, null)).redis().commandTimeoutMs()).isEqualTo(5000);
    assertThat(ConfigFixtures.load(with(null, 5)).redis().commandTimeoutMs()).isEqualTo(1666);
  }

  @Test
  void aValueBelowTheLeaseIsTaken() {
    assertThat(ConfigFixtures.load(with(750, 5)).redis().commandTimeoutMs()).isEqualTo(750);
  }

  @Test
  void aDeadlineAsLongAsTheLeaseStopsTheBootNamingTheKey() {
    failureOf(with(5000, 5))
      .isEqualTo("config key 'redis.commandTimeoutMs': must be below tasks.leaseSeconds in ms (5000), got 5000");
  }

  @Test
  void theEnvironmentIsNamedWhenTheValueCameFromIt() {
    failureOf(with(null, 5), Map.of("COURIER_REDIS_COMMAND_TIMEOUT_MS", "9000")).startsWith(
      "config key 'redis.commandTimeoutMs' (from COURIER_REDIS_COMMAND_TIMEOUT_MS): must be below");
  }

  @Test
  void aDeadlineBelowATenthOfASecondIsRefused() {
    failureOf(with(10, null)).startsWith("config key 'redis.commandTimeoutMs': must be");
  }
}
