package dev.courier.internal.http;

import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Roles from the contract's security, a throwing handler and a reply that breaks the contract, over test-ops.yaml. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesAndFailuresTest {

  private TestNode app;

  @BeforeAll
  void start() {
    app = TestNode.start(new TestOpsService(), RedisFixture.shared().url(), new JsonObject());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private HttpResponse<Buffer> stats(String authorization) {
    var request = app.client.get("/admin/stats");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.send().await();
  }

  @Test
  void a_token_without_the_required_role_is_403_in_the_error_shape() {
    JsonObject body = assertError(stats(Tokens.bearer(app.vertx, "bob", "ops")), 403, "forbidden");
    assertThat(body.getString("message")).contains("admin");
  }

  @Test
  void the_role_in_the_roles_claim_passes() {
    HttpResponse<Buffer> response = stats(Tokens.bearer(app.vertx, "alice", "admin"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getInteger("users")).isEqualTo(3);
  }

  @Test
  void an_oauth_scope_is_not_a_role_unless_configured() {
    JsonObject claims = Tokens.claims("alice").put("scope", "admin other");
    claims.remove("roles");
    assertError(stats("Bearer " + Tokens.hs256(app.vertx, claims)), 403, "forbidden");
  }

  @Test
  void a_scope_admin_token_without_the_roles_claim_is_not_admin() {
    JsonObject claims = Tokens.claims("alice").put("scope", "admin");
    claims.remove("roles");
    HttpResponse<Buffer> response = app.client.get("/admin/api/queues")
      .putHeader("Authorization", "Bearer " + Tokens.hs256(app.vertx, claims)).send().await();
    assertError(response, 403, "forbidden");
  }

  @Test
  void no_token_on_a_role_protected_operation_is_401() {
    HttpResponse<Buffer> response = stats(null);
    assertError(response, 401, "unauthorized");
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void a_throwing_handler_is_a_500_that_leaks_nothing() {
    HttpResponse<Buffer> response = app.client.get("/boom").putHeader("X-Request-Id", "boom-1").send().await();
    JsonObject body = assertError(response, 500, "internal_error");
    assertThat(body.getString("request_id")).isEqualTo("boom-1");
    assertThat(response.bodyAsString())
      .doesNotContain(TestOpsService.SECRET_DETAIL)
      .doesNotContain("hunter2")
      .doesNotContain("IllegalStateException")
      .doesNotContain("dev.courier")
      .doesNotContain("\tat ");
  }

  @Test
  void a_reply_breaking_the_contract_is_a_500_when_responses_are_validated() {
    HttpResponse<Buffer> response = app.client.get("/liar").send().await();
    assertError(response, 500, "internal_error");
    assertThat(response.bodyAsString()).doesNotContain("three");
  }

  @Test
  void the_same_reply_goes_out_when_response_validation_is_off() {
    JsonObject off = new JsonObject().put("http", new JsonObject().put("validateResponses", false));
    try (TestNode unchecked = TestNode.start(new TestOpsService(), RedisFixture.shared().url(), off)) {
      HttpResponse<Buffer> response = unchecked.client.get("/liar").send().await();
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("count")).isEqualTo("three");
    }
  }
}
