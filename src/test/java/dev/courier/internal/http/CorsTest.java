package dev.courier.internal.http;

import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** CORS is off without {@code http.cors.allowedOrigins}, and with it allows exactly the listed origins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTest {

  private static final String APP = "https://app.example";

  private TestNode withCors;
  private TestNode withoutCors;

  @BeforeAll
  void start() {
    String redis = RedisFixture.shared().url();
    withCors = TestNode.start(new SignupService(), redis, new JsonObject()
      .put("http", new JsonObject().put("cors", new JsonObject().put("allowedOrigins", new JsonArray().add(APP)))));
    withoutCors = TestNode.start(new SignupService(), redis, new JsonObject());
  }

  @AfterAll
  void stop() {
    try {
      withCors.close();
    } finally {
      withoutCors.close();
    }
  }

  private static HttpResponse<Buffer> preflight(TestNode node, String origin) {
    return node.client.request(HttpMethod.OPTIONS, "/v1/signup").putHeader("Origin", origin)
      .putHeader("Access-Control-Request-Method", "POST")
      .putHeader("Access-Control-Request-Headers", "Content-Type").send().await();
  }

  private static HttpResponse<Buffer> live(TestNode node, String origin) {
    return node.client.get("/health/live").putHeader("Origin", origin).send().await();
  }

  @Test
  void a_preflight_from_an_allowed_origin_is_allowed() {
    HttpResponse<Buffer> response = preflight(withCors, APP);
    assertThat(response.statusCode()).isBetween(200, 204);
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("POST");
    assertThat(response.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("Content-Type");
  }

  @Test
  void a_simple_request_from_an_allowed_origin_is_allowed_and_exposes_the_request_id() {
    HttpResponse<Buffer> response = live(withCors, APP);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(response.getHeader("Access-Control-Expose-Headers")).containsIgnoringCase("X-Request-Id");
    assertThat(response.getHeader("X-Request-Id")).isNotBlank();
  }

  @Test
  void a_disallowed_origin_is_refused_with_403_in_the_error_shape() {
    for (HttpResponse<Buffer> response : List.of(preflight(withCors, "https://evil.example"),
      live(withCors, "https://evil.example"), live(withCors, "https://app.example.evil.example"))) {
      assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
      JsonObject body = assertError(response, 403, "forbidden");
      assertThat(body.getString("message")).doesNotContain("CORS Rejected");
    }
  }

  @Test
  void without_cors_config_no_allow_origin_header_is_sent() {
    HttpResponse<Buffer> simple = live(withoutCors, APP);
    assertThat(simple.statusCode()).isEqualTo(200);
    assertThat(simple.getHeader("Access-Control-Allow-Origin")).isNull();
    HttpResponse<Buffer> preflight = preflight(withoutCors, APP);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.getHeader("Access-Control-Allow-Methods")).isNull();
  }
}
