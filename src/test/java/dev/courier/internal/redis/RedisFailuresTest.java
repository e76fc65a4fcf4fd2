package dev.courier.internal.redis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis killed mid-command resets its connections: a fire in flight then must be a 503 (retry later), not a 500.
 * Seen in RedisKillReliabilityTest: "queue script 'enqueueMany' failed: Connection reset" answered 500.
 */
class RedisFailuresTest {

  @Test
  void aResetOrBrokenConnectionIsAnOutage() {
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("queue script 'enqueueMany' failed",
      new SocketException("Connection reset")))).isTrue();
    // Netty's native transport says it in an IOException of its own
    assertThat(RedisFailures.isUnavailable(new IOException("recvAddress(..) failed: Connection reset by peer")))
      .isTrue();
    assertThat(RedisFailures.isUnavailable(new IOException("writev(..) failed: Broken pipe"))).isTrue();
    assertThat(RedisFailures.isUnavailable(new ConnectException("Connection refused"))).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("ERR wrong number of arguments"))).isFalse();
    assertThat(RedisFailures.isUnavailable(new IOException("no space left on device"))).isFalse();
  }
}
