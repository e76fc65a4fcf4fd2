package dev.courier.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A blocking command's deadline is its block time plus the command deadline; one that blocks for ever has none. */
class CallDeadlineTest {

  private static final long T = 1000;

  @Test
  void a_plain_command_gets_the_deadline() {
    assertThat(CallDeadline.of(Request.cmd(Command.EVALSHA).arg("sha").arg(0), T)).isEqualTo(T);
  }

  @Test
  void a_blocking_read_gets_its_block_time_on_top() {
    Request read = Request.cmd(Command.XREAD).arg("COUNT").arg(1).arg("BLOCK").arg(2000).arg("STREAMS").arg("k")
      .arg("$");
    assertThat(CallDeadline.of(read, T)).isEqualTo(3000);
    Request forEver = Request.cmd(Command.XREAD).arg("BLOCK").arg(0).arg("STREAMS").arg("k").arg("$");
    assertThat(CallDeadline.of(forEver, T)).isEqualTo(CallDeadline.NONE);
  }

  @Test
  void a_key_named_block_is_not_a_block_time() {
    Request read = Request.cmd(Command.XREAD).arg("STREAMS").arg("BLOCK").arg("5000");
    assertThat(CallDeadline.of(read, T)).isEqualTo(T);
  }

  @Test
  void a_pipeline_with_wait_gets_the_replicas_timeout_on_top() {
    List<Request> fire = List.of(Request.cmd(Command.EVALSHA).arg("sha").arg(0),
      Request.cmd(Command.WAIT).arg(1).arg(500));
    assertThat(CallDeadline.of(fire, T)).isEqualTo(1500);
  }
}
