package dev.courier.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisVersionTest {

  @Test
  void versions_before_6_2_are_refused() {
    assertThat(RedisVersion.atLeast("6.2.0", RedisVersion.MINIMUM)).isTrue();
    assertThat(RedisVersion.atLeast("7.0.15", RedisVersion.MINIMUM)).isTrue();
    assertThat(RedisVersion.atLeast("10.0", RedisVersion.MINIMUM)).isTrue();
    assertThat(RedisVersion.atLeast("6.0.16", RedisVersion.MINIMUM)).isFalse();
    assertThat(RedisVersion.atLeast("5.0.7", RedisVersion.MINIMUM)).isFalse();
    assertThat(RedisVersion.atLeast("6", RedisVersion.MINIMUM)).isFalse();
  }
}
