package dev.courier.internal.http;

import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.reliability.OutboxTaskService;
import dev.courier.reliability.RawHttp;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests whose body length two HTTP parsers could read differently (the stuff of request smuggling) get a 400 in the
 * error shape and a closed connection, so no second request hidden in the body is ever served.
 */
class FramingGuardTest {

  @Test
  void ambiguousTransferEncodingIsRefusedAndTheConnectionClosed() {
    try (TestNode app = TestNode.start(new OutboxTaskService(), RedisFixture.shared().url(), new JsonObject())) {
      String head = "POST /v1/emails HTTP/1.1\nHost: x\nAuthorization: " + Tokens.bearer(app.vertx, "alice")
        + "\nContent-Type: application/json\n";
      String smuggled = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
      for (String framing : new String[] {"Transfer-Encoding: xchunked\nContent-Length: 10",
        "Transfer-Encoding: chunked\nTransfer-Encoding: identity", "Transfer-Encoding: chunked, identity",
        "Transfer-Encoding: gzip, chunked"}) {
        byte[] body = ("{\"to\":\"a\"}" + smuggled).getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Answer answer = RawHttp.exchange(app.node.httpPort(), RawHttp.request(head + framing, body), 5_000);
        assertThat(answer.status()).as(framing).isEqualTo(400);
        assertThat(answer.responses()).as(framing + ": the smuggled request is never answered").isEqualTo(1);
        assertThat(answer.text()).as(framing).contains("ambiguous request framing").contains("request_id");
      }
      // chunked with a Content-Length beside it: Netty drops the length silently, so the guard cannot see it; a
      // proxy framing by that length would pass the GET hidden after the empty chunked body as a second request
      byte[] clte = ("0\r\n\r\n" + smuggled).getBytes(StandardCharsets.ISO_8859_1);
      RawHttp.Answer clteAnswer = RawHttp.exchange(app.node.httpPort(), RawHttp.request(head
        + "Content-Length: 45\nTransfer-Encoding: chunked", clte), 5_000);
      assertThat(clteAnswer.status()).isEqualTo(400);
      assertThat(clteAnswer.responses()).as("CL.TE: the smuggled request is never answered").isEqualTo(1);
      byte[] plain = ("a\r\n{\"to\":\"a\"}\r\n0\r\n\r\n" + smuggled).getBytes(StandardCharsets.ISO_8859_1);
      RawHttp.Answer chunked = RawHttp.exchange(app.node.httpPort(), RawHttp.request(head
        + "Transfer-Encoding: chunked", plain), 5_000);
      assertThat(chunked.status()).as("plain chunked still works").isEqualTo(202);
      assertThat(chunked.responses()).as("and its connection ends with it").isEqualTo(1);
    }
  }
}
