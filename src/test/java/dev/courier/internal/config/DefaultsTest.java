package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultsTest {

  private final CourierConfig config = load(minimal());

  @Test
  void roleDefaultsToAll() {
    assertThat(config.role()).isEqualTo(NodeRole.ALL);
  }

  @Test
  void aNodeIsNotADevelopmentNodeUnlessItsConfigSaysSo() {
    assertThat(config.dev()).isFalse();
  }

  @Test
  void httpDefaults() {
    assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080, 1_048_576L, java.util.List.of(), false, 1, 10, 75));
    assertThat(config.http().corsEnabled()).isFalse();
  }

  @Test
  void metricsAreOnAndPublicByDefault() {
    assertThat(config.metrics()).isEqualTo(new MetricsConfig(true, java.util.Optional.empty(), 5));
    assertThat(config.metrics().needsToken()).isFalse();
  }

  @Test
  void redisDefaultsAndEndpointsFallBackToUrl() {
    RedisConfig redis = config.redis();
    assertThat(redis.type()).isEqualTo(RedisType.STANDALONE);
    assertThat(redis.endpoints()).containsExactly("redis://127.0.0.1:6379/0");
    assertThat(redis.masterName()).isEqualTo("mymaster");
    assertThat(redis.maxPoolSize()).isEqualTo(32);
    assertThat(redis.maxPoolWaiting()).isEqualTo(2048);
  }

  @Test
  void jwtDefaults() {
    JwtConfig jwt = config.auth();
    assertThat(jwt.algorithm()).isEqualTo(JwtAlgorithm.HS256);
    assertThat(jwt.secret()).contains(ConfigFixtures.JWT_SECRET);
    assertThat(jwt.publicKeyFile()).isEmpty();
    assertThat(jwt.publicKeyPem()).isEmpty();
    assertThat(jwt.issuer()).isEmpty();
    assertThat(jwt.audience()).isEmpty();
    assertThat(jwt.leewaySeconds()).isEqualTo(5);
  }

  @Test
  void tasksDefaults() {
    TasksConfig tasks = config.tasks();
    assertThat(tasks.signingKey()).isEqualTo(ConfigFixtures.SIGNING_KEY);
    assertThat(tasks.signingKeys()).containsExactly(ConfigFixtures.SIGNING_KEY);
    assertThat(tasks.workers()).isEqualTo(1);
    assertThat(tasks.concurrency()).isEqualTo(16);
    assertThat(tasks.queues()).containsExactly("default");
    assertThat(tasks.prefix()).isEqualTo("courier");
    assertThat(tasks.shutdownGraceSeconds()).isEqualTo(30);
    assertThat(tasks.retentionSeconds()).isEqualTo(86_400L);
    assertThat(tasks.maxPayloadBytes()).isEqualTo(65_536);
    assertThat(tasks.leaseSeconds()).isEqualTo(30);
    assertThat(tasks.defaultMaxAttempts()).isEqualTo(5);
    assertThat(tasks.defaultTimeoutSeconds()).isEqualTo(300);
    assertThat(tasks.backoffBaseMillis()).isEqualTo(1000L);
    assertThat(tasks.backoffMaxMillis()).isEqualTo(3_600_000L);
    assertThat(tasks.logOutcomes()).isTrue();
  }

  @Test
  void tracingRecordsNothingByDefault() {
    assertThat(config.tracing().otlpEndpoint()).isEmpty();
    assertThat(config.tracing().tracesUrl()).isEmpty();
    assertThat(config.tracing().serviceName()).isEqualTo("courier");
  }

  @Test
  void serviceDefaultsToEmptyObject() {
    assertThat(config.service().isEmpty()).isTrue();
  }

  @Test
  void fileValuesReplaceDefaults() {
    CourierConfig custom = load(ConfigFixtures.with(ConfigFixtures.minimalWith("http.port", 9090),
      "tasks.queues", new io.vertx.core.json.JsonArray().add("emails").add("reports")));
    assertThat(custom.http().port()).isEqualTo(9090);
    assertThat(custom.tasks().queues()).containsExactly("emails", "reports");
  }
}
