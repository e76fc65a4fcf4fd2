package dev.courier.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueueKeysTest {

  private final QueueKeys keys = new QueueKeys("courier", "emails");

  @Test
  void every_key_shares_the_queue_hash_tag() {
    assertThat(keys.ready()).isEqualTo("courier:{emails}:ready");
    assertThat(keys.delayed()).isEqualTo("courier:{emails}:delayed");
    assertThat(keys.retrying()).isEqualTo("courier:{emails}:retrying");
    assertThat(keys.dead()).isEqualTo("courier:{emails}:dead");
    assertThat(keys.paused()).isEqualTo("courier:{emails}:paused");
    assertThat(keys.task("42")).isEqualTo("courier:{emails}:task:42");
    assertThat(keys.taskPrefix()).isEqualTo("courier:{emails}:task:");
    assertThat(keys.wakeChannel()).isEqualTo("courier:{emails}:wake");
    assertThat(keys.group()).isEqualTo("courier");
    assertThat(keys.queue()).isEqualTo("emails");
  }

  @Test
  void the_default_prefix_is_courier() {
    assertThat(new QueueKeys("emails").ready()).isEqualTo("courier:{emails}:ready");
  }

  @Test
  void bad_queue_names_and_prefixes_are_rejected() {
    assertThatThrownBy(() -> new QueueKeys("courier", "a}b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a}b");
    assertThatThrownBy(() -> new QueueKeys("courier", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QueueKeys("courier", "x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QueueKeys("co{u}rier", "emails")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> new QueueKeys("has space", "emails")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new QueueKeys("courier-test-1", "a.b_c-9").ready()).isEqualTo("courier-test-1:{a.b_c-9}:ready");
  }
}
