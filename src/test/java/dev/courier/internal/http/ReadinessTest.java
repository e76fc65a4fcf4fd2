package dev.courier.internal.http;

import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health/ready} follows a private Redis going down and coming back; {@code /health/live} does not care. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessTest {

  private static final long WAIT_MS = 10_000;

  private RedisFixture redis;
  private TestNode app;

  @BeforeAll
  void start() {
    redis = RedisFixture.start();
    // Redis restarts empty here: the node reports the lost data in its health detail, but stays ready (DataLossTest)
    app = TestNode.start(new SignupService(), redis.url(), new JsonObject());
  }

  @AfterAll
  void stop() {
    try {
      app.close();
    } finally {
      redis.close();
    }
  }

  private HttpResponse<Buffer> get(String path) {
    return app.client.get(path).send().await();
  }

  /** Asks {@code /health/ready} until it answers {@code status}, for at most {@link #WAIT_MS}; returns the last answer. */
  private HttpResponse<Buffer> readyUntil(int status) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    HttpResponse<Buffer> last = get("/health/ready");
    while (last.statusCode() != status && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      last = get("/health/ready");
    }
    return last;
  }

  private void assertLive() {
    HttpResponse<Buffer> live = get("/health/live");
    assertThat(live.statusCode()).as(live.bodyAsString()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("live");
  }

  private static void assertReady(HttpResponse<Buffer> ready) {
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    JsonObject body = ready.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("ready");
    assertThat(body.getJsonObject("checks")).isEqualTo(new JsonObject().put("redis", "up"));
  }

  @Test
  void ready_follows_redis_down_and_back_up_without_restarting_the_node() throws InterruptedException {
    assertReady(get("/health/ready"));
    assertLive();

    redis.stop();
    HttpResponse<Buffer> down = readyUntil(503);
    JsonObject body = assertError(down, 503, "unavailable");
    assertThat(body.getString("message")).contains("redis");
    JsonArray details = body.getJsonArray("details");
    assertThat(details).hasSize(1);
    assertThat(details.getJsonObject(0).getString("check")).isEqualTo("redis");
    assertThat(details.getJsonObject(0).getString("status")).isEqualTo("down");
    assertThat(details.getJsonObject(0).getString("reason")).isNotBlank();
    assertLive();

    redis.restart();
    assertReady(readyUntil(200));
    assertLive();
  }
}
