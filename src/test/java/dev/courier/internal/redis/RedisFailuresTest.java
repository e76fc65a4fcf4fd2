package dev.courier.internal.redis;

import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Redis failures are outages a client may retry (503), not bugs (500). A Redis killed mid-command resets its
 * connections (seen in RedisKillReliabilityTest: "queue script 'enqueueMany' failed: Connection reset" answered 500),
 * and a pipeline reports its error reply behind an index.
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

  /**
   * Seen in ClusterReliabilityTest's long round (the queue's slot moved three times under 400 fires/s): the Cluster
   * client follows MOVED and ASK 16 times, then hands the reply over; those fires were answered 500.
   */
  @Test
  void aRedirectLeftOverFromAReshardIsAnOutage() {
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("queue script 'enqueueMany' failed",
      new IllegalStateException("MOVED 5718 127.0.0.1:36697")))).isTrue();
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("ASK 5718 127.0.0.1:38043"))).isTrue();
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("TRYAGAIN Multiple keys request during "
      + "rehashing of slot"))).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("ERR wrong number of arguments"))).isFalse();
    assertThat(RedisFailures.isUnavailable(new IOException("no space left on device"))).isFalse();
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("MOVEDX nothing"))).isFalse();
  }

  @Test
  void a_pipeline_reports_its_error_reply_behind_an_index_and_it_is_still_an_outage() {
    // what Vert.x's batch fails with when the script of a durable fire meets a demoted master
    Throwable batch = ErrorType.create("ERR [0] READONLY You can't write against a read only replica.");
    assertThat(RedisFailures.isUnavailable(new IllegalStateException("queue script 'enqueueMany' failed", batch)))
      .isTrue();
    assertThat(RedisFailures.isUnavailable(ErrorType.create("READONLY You can't write"))).isTrue();
  }

  @Test
  void a_script_error_is_not_an_outage() {
    assertThat(RedisFailures.isUnavailable(ErrorType.create("ERR [0] ERR user_script:1: boom"))).isFalse();
    assertThat(RedisFailures.isUnavailable(ErrorType.create("ERR wrong number of arguments"))).isFalse();
  }
}
