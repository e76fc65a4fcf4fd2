package dev.courier.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.testkit.RedisFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image's health check: 0 when the node's /health/ready answers 200, 1 (and why) otherwise. */
class HealthProbeTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void a_ready_node_passes_a_node_that_is_not_ready_or_not_there_fails() throws Exception {
    try (RedisFixture redis = RedisFixture.start();
         TestNode node = TestNode.start(new WorkerOnlyService(), TestNode.workerConfig(redis.url(),
           RedisFixture.uniquePrefix()), "p")) {
      String port = Integer.toString(node.node.httpPort());
      assertThat(HealthProbe.probe(new String[0], Map.of("COURIER_HTTP_PORT", port), out)).isZero();
      assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("http://127.0.0.1:" + port + "/health/ready: 200" + System.lineSeparator());

      redis.stop();
      String url = "http://127.0.0.1:" + port + "/health/ready";
      long deadline = System.nanoTime() + 10_000_000_000L;
      int status = 0;
      while (status == 0 && System.nanoTime() < deadline) {
        status = HealthProbe.probe(new String[] {url}, Map.of(), out);
        Thread.sleep(100);
      }
      assertThat(status).as("Redis is down: not ready").isEqualTo(1);
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains(url + ": 503");
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(HealthProbe.probe(new String[0], Map.of("COURIER_HTTP_PORT", Integer.toString(closed)), out))
      .isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(":" + closed + "/health/ready: ConnectException");
  }
}
