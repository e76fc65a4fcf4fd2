package dev.courier.internal.http;

import dev.courier.internal.testing.TestNode;
import dev.courier.reliability.OutboxTaskService;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Idle and half-sent connections are closed after http.idleTimeoutSeconds, so a flood of them cannot pile up. */
class IdleConnectionTimeoutTest {

  @Test
  void silentConnectionsAreClosed() throws Exception {
    try (TestNode app = TestNode.start(new OutboxTaskService(), RedisFixture.shared().url(),
      new JsonObject().put("http", new JsonObject().put("idleTimeoutSeconds", 1)))) {
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", app.node.httpPort()), 5_000);
          if (i % 2 == 1) {
            s.getOutputStream().write("POST /v1/emails HTTP/1.1\r\nHost: x\r\n".getBytes());
          }
          s.setSoTimeout(15_000); // well past the 1 s idle timeout, even on a loaded machine
          sockets.add(s);
        }
        for (Socket s : sockets) {
          assertThat(closedByServer(s)).isTrue();
        }
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
    }
  }

  private static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
