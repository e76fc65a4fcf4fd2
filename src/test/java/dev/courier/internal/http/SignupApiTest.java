package dev.courier.internal.http;

import dev.courier.internal.testing.SignupNodeTest;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The example service end to end over HTTP, with response validation on, against a real Redis. */
class SignupApiTest extends SignupNodeTest {



  private HttpResponse<Buffer> signup(JsonObject body) {
    return app.client.post("/v1/signup").sendJsonObject(body).await();
  }

  private static JsonObject user(String email) {
    return new JsonObject().put("email", email).put("name", "Ada Lovelace");
  }

  @Test
  void signup_creates_the_user_and_stores_it_as_json() throws Exception {
    HttpResponse<Buffer> created = signup(user("Ada@Example.org"));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject body = created.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("user_id", "email", "name", "created_at");
    assertThat(body.getString("email")).isEqualTo("ada@example.org");
    String stored = RedisAPI.api(app.node.redis())
      .get(app.prefix + ":{users}:user:" + body.getString("user_id")).await(5, TimeUnit.SECONDS).toString();
    assertThat(new JsonObject(stored)).isEqualTo(body);
  }

  @Test
  void a_second_signup_with_the_same_email_is_a_conflict() {
    assertThat(signup(user("twice@example.org")).statusCode()).isEqualTo(201);
    assertError(signup(user("TWICE@example.org")), 409, "conflict");
  }

  @Test
  void get_user_returns_the_stored_user_and_404_for_an_unknown_one() {
    JsonObject created = signup(user("reader@example.org")).bodyAsJsonObject();
    String bearer = Tokens.bearer(app.vertx, "alice");
    HttpResponse<Buffer> found = app.client.get("/v1/users/" + created.getString("user_id"))
      .putHeader("Authorization", bearer).send().await();
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.bodyAsJsonObject()).isEqualTo(created);
    HttpResponse<Buffer> missing = app.client.get("/v1/users/01ARZ3NDEKTSV4RRFFQ69G5FAV")
      .putHeader("Authorization", bearer).send().await();
    assertError(missing, 404, "not_found");
  }

  @Test
  void me_answers_the_caller_as_the_framework_saw_the_token() {
    HttpResponse<Buffer> me = app.client.get("/v1/me")
      .putHeader("Authorization", Tokens.bearer(app.vertx, "alice", "admin", "ops")).send().await();
    assertThat(me.statusCode()).isEqualTo(200);
    JsonObject body = me.bodyAsJsonObject();
    assertThat(body.getString("subject")).isEqualTo("alice");
    assertThat(body.getJsonArray("roles").getList()).containsExactlyInAnyOrder("admin", "ops");
    assertThat(body.getJsonObject("claims").getString("iss")).isEqualTo(TestNode.ISSUER);
    assertThat(body.getJsonObject("claims").containsKey("access_token")).isFalse();
  }

  @Test
  void an_invalid_body_is_a_400_listing_each_invalid_field() {
    JsonObject body = assertError(signup(new JsonObject().put("email", "no-at-sign").put("name", "x")), 400,
      "bad_request");
    assertThat(body.getJsonArray("details")).isNotEmpty();
    JsonObject detail = body.getJsonArray("details").getJsonObject(0);
    assertThat(detail.getString("location")).isEqualTo("body");
    assertThat(detail.getString("field")).isEqualTo("/email");

    JsonObject extra = assertError(signup(user("extra@example.org").put("admin", true)), 400, "bad_request");
    assertThat(extra.getJsonArray("details").encode()).contains("admin");

    JsonObject missing = assertError(signup(new JsonObject().put("name", "x")), 400, "bad_request");
    assertThat(missing.getJsonArray("details")).isNotEmpty();
  }

  @Test
  void each_invalid_field_has_exactly_one_detail_and_the_message_names_the_first() {
    JsonObject body = assertError(signup(new JsonObject().put("email", 5).put("name", "").put("extra", 1)), 400,
      "bad_request");
    assertThat(body.getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("field")))
      .as("no 'does not match schema' or 'additional properties' echo for declared fields")
      .containsExactly("/email", "/name", "/extra");
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("message")).contains("Expected string");
    assertThat(body.getJsonArray("details").getJsonObject(2).getString("message"))
      .isEqualTo("property 'extra' is not declared in the contract");
    assertThat(body.getString("message")).isEqualTo("invalid request: body /email: "
      + body.getJsonArray("details").getJsonObject(0).getString("message") + " (and 2 more in details)");
  }

  @Test
  void head_answers_wherever_get_does_and_a_405_says_what_is_allowed() {
    HttpResponse<Buffer> head = app.client.head("/v1/me").putHeader("Authorization", Tokens.bearer(app.vertx, "h"))
      .send().await();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).as("no body for HEAD").isNull();
    assertThat(head.getHeader("content-type")).startsWith("application/json");
    assertThat(app.client.head("/health/live").send().await().statusCode()).isEqualTo(200);

    HttpResponse<Buffer> wrong = app.client.delete("/v1/signup").send().await();
    assertError(wrong, 405, "method_not_allowed");
    assertThat(wrong.getHeader("Allow")).isEqualTo("POST");
    assertThat(app.client.put("/v1/me").send().await().getHeader("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void a_bad_path_parameter_is_a_400_naming_the_parameter() {
    HttpResponse<Buffer> response = app.client.get("/v1/users/not-a-ulid")
      .putHeader("Authorization", Tokens.bearer(app.vertx, "alice")).send().await();
    JsonObject body = assertError(response, 400, "bad_request");
    JsonObject detail = body.getJsonArray("details").getJsonObject(0);
    assertThat(detail.getString("location")).isEqualTo("path");
    assertThat(detail.getString("field")).startsWith("user_id");
  }

  @Test
  void malformed_json_is_a_400() {
    HttpResponse<Buffer> response = app.client.post("/v1/signup").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("{not json")).await();
    assertError(response, 400, "bad_request");
  }

  @Test
  void a_non_json_body_is_a_415() {
    HttpResponse<Buffer> response = app.client.post("/v1/signup").putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer("email=a@b.c")).await();
    assertError(response, 415, "unsupported_media_type");
  }

  @Test
  void each_content_type_keeps_its_own_answer_across_many_distinct_ones() {
    // the validator remembers a few Content-Type values: past that bound, and for a type seen before, the answer is
    // still the contract's
    for (int i = 0; i < 40; i++) {
      String json = "application/json; charset=utf-8; v=" + i;
      String text = "text/plain; v=" + i;
      for (String type : new String[] {json, text, json}) {
        HttpResponse<Buffer> response = app.client.post("/v1/signup").putHeader("Content-Type", type)
          .sendBuffer(user("type" + i + "@example.org").toBuffer()).await();
        assertThat(response.statusCode()).as(type + ": " + response.bodyAsString())
          .isIn(type.startsWith("text") ? java.util.List.of(415) : java.util.List.of(201, 409));
      }
    }
  }

  @Test
  void a_body_over_the_limit_is_a_413() {
    JsonObject huge = user("big@example.org").put("name", "x".repeat(8192));
    assertError(signup(huge), 413, "payload_too_large");
  }

  @Test
  void an_unknown_path_is_a_404_and_a_wrong_method_a_405() {
    assertError(app.client.get("/v1/nothing-here").send().await(), 404, "not_found");
    assertError(app.client.delete("/v1/signup").send().await(), 405, "method_not_allowed");
  }

  @Test
  void a_sane_request_id_is_echoed_and_an_insane_one_replaced() {
    HttpResponse<Buffer> sane = app.client.get("/health/live").putHeader("X-Request-Id", "req-42.abc").send().await();
    assertThat(sane.getHeader("X-Request-Id")).isEqualTo("req-42.abc");
    HttpResponse<Buffer> insane = app.client.get("/v1/nothing").putHeader("X-Request-Id", "bad id <script>")
      .send().await();
    assertThat(insane.getHeader("X-Request-Id")).matches("[0-9A-Z]{26}");
    assertThat(insane.bodyAsJsonObject().getString("request_id")).isEqualTo(insane.getHeader("X-Request-Id"));
  }
}
