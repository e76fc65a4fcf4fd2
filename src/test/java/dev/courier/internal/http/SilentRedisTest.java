package dev.courier.internal.http;

import dev.courier.example.signup.SignupService;
import dev.courier.internal.testing.BlackholeProxy;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis goes silent (a partition that drops packets: no reset, connections open): a fire answers 503 within its
 * deadline instead of hanging, readiness fails, and once Redis answers again fires succeed at once.
 */
class SilentRedisTest {

  private static final int DEADLINE_MS = 1_000;
  // a loaded 2-core machine may run a timer late: generous, it only proves the fire does not hang
  private static final int MARGIN_MS = 4_000;

  @Test
  @Timeout(60)
  void a_fire_into_a_black_hole_is_a_503_within_its_deadline_and_fires_succeed_once_it_heals() {
    try (RedisFixture redis = RedisFixture.start();
         BlackholeProxy proxy = BlackholeProxy.to(redis.host(), redis.port());
         TestNode app = TestNode.start(new SignupService(), proxy.url(), new JsonObject().put("redis",
           new JsonObject().put("commandTimeoutMs", DEADLINE_MS).put("lossReportSeconds", 0)))) {
      // a cold node on a loaded machine may miss its first deadlines (its pool fills as the JVM warms up)
      Eventually.until(Duration.ofSeconds(20), () -> fire(app).statusCode() == 202);

      proxy.blackHole();
      long start = System.nanoTime();
      HttpResponse<Buffer> refused = fire(app);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      JsonObject body = assertError(refused, 503, "unavailable");
      assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
      assertThat(tookMs).as("a fire into a black hole answers by its deadline (%s ms)", DEADLINE_MS)
        .isLessThan(DEADLINE_MS + MARGIN_MS);
      assertThat(body.getString("request_id")).isNotBlank();

      // the fire may answer a moment before its script call times out: readiness follows that call, not the fire
      HttpResponse<Buffer> ready = Eventually.until(Duration.ofSeconds(10),
        () -> app.client.get("/health/ready").send().await(), r -> r.statusCode() == 503 && r.bodyAsString()
          .contains("commandTimeoutMs"));
      assertError(ready, 503, "unavailable");
      assertThat(app.client.get("/metrics").send().await().bodyAsString())
        .containsPattern("courier_redis_timeouts_total(\\{[^}]*\\})? [1-9]");

      proxy.heal();
      long healed = System.nanoTime();
      Eventually.until(Duration.ofSeconds(10), () -> fire(app).statusCode() == 202);
      System.out.printf("SilentRedisTest: 503 after %d ms into the black hole; a fire succeeded %d ms after heal%n",
        tookMs, (System.nanoTime() - healed) / 1_000_000);
      Eventually.until(Duration.ofSeconds(10),
        () -> app.client.get("/health/ready").send().await().statusCode() == 200);
    }
  }

  private static HttpResponse<Buffer> fire(TestNode app) {
    return app.client.post("/v1/emails").putHeader("Authorization", Tokens.bearer(app.vertx, "alice"))
      .sendJsonObject(new JsonObject().put("to", "b@example.org").put("subject", "s").put("body", "b")).await();
  }
}
