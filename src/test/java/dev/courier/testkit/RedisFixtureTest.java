package dev.courier.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisFixtureTest {

  @Test
  void starts_answers_ping_stops_and_restarts_on_the_same_port() {
    try (RedisFixture redis = RedisFixture.start()) {
      int port = redis.port();
      assertThat(redis.url()).isEqualTo("redis://" + redis.host() + ":" + port);
      assertThat(redis.ping()).isTrue();

      redis.stop();
      assertThat(redis.ping()).isFalse();

      redis.restart();
      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.ping()).isTrue();
    }
  }

  @Test
  void restart_while_running_keeps_the_port() {
    try (RedisFixture redis = RedisFixture.start()) {
      int port = redis.port();
      redis.restart();
      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.ping()).isTrue();
    }
  }

  @Test
  void shared_instance_is_started_once_and_prefixes_are_unique() {
    assertThat(RedisFixture.shared()).isSameAs(RedisFixture.shared());
    assertThat(RedisFixture.shared().ping()).isTrue();
    assertThat(RedisFixture.uniquePrefix()).startsWith("courier-test-")
        .isNotEqualTo(RedisFixture.uniquePrefix());
  }

  @Test
  void the_bundled_binary_serves_when_no_redis_server_is_installed() {
    String bundled = RedisFixture.bundledBinary();
    assertThat(bundled).as("static redis-server from the embedded-redis test jar").isNotNull();
    try (RedisFixture redis = RedisFixture.startProcess(bundled)) {
      assertThat(redis.url()).startsWith("redis://127.0.0.1:");
    }
  }
}
