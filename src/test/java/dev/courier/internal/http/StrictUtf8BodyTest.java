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

/** A JSON body with an overlong UTF-8 form (C0 AF, an overlong '/') is a 400, not a task for "a/b". */
class StrictUtf8BodyTest {

  @Test
  void overlongUtf8IsRefused() {
    try (TestNode app = TestNode.start(new OutboxTaskService(), RedisFixture.shared().url(), new JsonObject())) {
      byte[] body = {'{', '"', 't', 'o', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'};
      String head = "POST /v1/emails HTTP/1.1\nHost: x\nAuthorization: " + Tokens.bearer(app.vertx, "alice")
        + "\nContent-Type: application/json\nConnection: close\nContent-Length: " + body.length;
      RawHttp.Answer answer = RawHttp.exchange(app.node.httpPort(), RawHttp.request(head, body), 5_000);
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.text()).contains("the body is not valid UTF-8").contains("request_id");
      byte[] fine = "{\"to\":\"a/b é\"}".getBytes(StandardCharsets.UTF_8);
      String fineHead = head.replace("Content-Length: " + body.length, "Content-Length: " + fine.length)
        .replace("application/json", "application/json; charset=UTF-8");
      assertThat(RawHttp.exchange(app.node.httpPort(), RawHttp.request(fineHead, fine), 5_000).status())
        .isEqualTo(202);
    }
  }
}
