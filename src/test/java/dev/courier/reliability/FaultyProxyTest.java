package dev.courier.reliability;

import dev.courier.testkit.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault proxy itself, with raw sockets against a real Redis: what each mode does to old and new connections. */
@Timeout(60)
class FaultyProxyTest {

  private static final String PING = "PING\r\n";
  private static final String PONG = "+PONG\r\n";

  @Test
  void forwardsAPartitionHoldsBytesAndHealDeliversThemInOrder() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.to(RedisFixture.shared().port()); Socket s = connect(proxy)) {
      assertThat(ask(s, PING, 2_000)).isEqualTo(PONG);
      proxy.partition();
      assertThat(ask(s, "ECHO held\r\n", 500)).as("nothing passes, nothing is reset").isEmpty();
      proxy.heal();
      assertThat(read(s, 2_000)).isEqualTo("$4\r\nheld\r\n");
    }
  }

  @Test
  void aBlackholeDropsBytesWithoutAResetAndItsConnectionsStaySilentAfterTheHeal() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.to(RedisFixture.shared().port()); Socket old = connect(proxy)) {
      assertThat(ask(old, PING, 2_000)).isEqualTo(PONG);
      proxy.blackhole();
      try (Socket during = connect(proxy)) {
        assertThat(ask(during, PING, 500)).as("a connection made during the fault").isEmpty();
      }
      assertThat(ask(old, PING, 500)).isEmpty();
      proxy.heal();
      assertThat(ask(old, PING, 500)).as("a connection that lost bytes").isEmpty();
      try (Socket fresh = connect(proxy)) {
        assertThat(ask(fresh, PING, 2_000)).isEqualTo(PONG);
      }
      assertThat(proxy.droppedBytes()).isGreaterThan(0);
    }
  }

  @Test
  void aReplacedHostLeavesOldConnectionsSilentAndServesNewOnes() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.to(RedisFixture.shared().port()); Socket old = connect(proxy)) {
      assertThat(ask(old, PING, 2_000)).isEqualTo(PONG);
      proxy.replaced();
      assertThat(ask(old, PING, 500)).isEmpty();
      try (Socket fresh = connect(proxy)) {
        assertThat(ask(fresh, PING, 2_000)).isEqualTo(PONG);
      }
    }
  }

  @Test
  void latencyDelaysEachWay() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.to(RedisFixture.shared().port()); Socket s = connect(proxy)) {
      proxy.latency(300);
      long start = System.nanoTime();
      assertThat(ask(s, PING, 3_000)).isEqualTo(PONG);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(550L, 2_500L);
      proxy.heal();
      start = System.nanoTime();
      assertThat(ask(s, PING, 2_000)).isEqualTo(PONG);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(250L);
    }
  }

  private static Socket connect(FaultyProxy proxy) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 2_000);
    return s;
  }

  /** Sends an inline command and reads what comes within {@code waitMs} ("" if nothing). */
  private static String ask(Socket s, String command, int waitMs) throws IOException {
    s.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
    return read(s, waitMs);
  }

  private static String read(Socket s, int waitMs) throws IOException {
    s.setSoTimeout(waitMs);
    InputStream in = s.getInputStream();
    byte[] buf = new byte[256];
    try {
      int n = in.read(buf);
      if (n < 0) {
        throw new IOException("closed by the proxy");
      }
      // a reply may come in two segments; give the rest a moment
      s.setSoTimeout(100);
      StringBuilder text = new StringBuilder(new String(buf, 0, n, StandardCharsets.UTF_8));
      try {
        while ((n = in.read(buf)) > 0) {
          text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (SocketTimeoutException done) {
        // all of it
      }
      return text.toString();
    } catch (SocketTimeoutException nothing) {
      return "";
    }
  }
}
