package dev.courier.internal.redis;

import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Redis failures are outages a client may retry (503), including those a pipeline reports. */
class RedisFailuresTest {

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
