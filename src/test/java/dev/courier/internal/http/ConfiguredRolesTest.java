package dev.courier.internal.http;

import dev.courier.internal.testing.SignupNodeTest;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles read from a configured claim ({@code auth.jwt.rolesClaim}, here Keycloak's nested {@code realm_access.roles})
 * and a configured admin role ({@code admin.role}): both the admin API and task status follow them, and a token whose
 * top-level {@code roles} says {@code admin} is nobody special on such a node.
 */
class ConfiguredRolesTest extends SignupNodeTest {

  @Override
  protected JsonObject overrides() {
    return new JsonObject().put("role", "all").put("admin", new JsonObject().put("role", "support"))
      .put("auth", new JsonObject().put("jwt", new JsonObject().put("rolesClaim", new JsonArray()
        .add("realm_access.roles"))));
  }

  private String realmToken(String subject, String role) {
    JsonObject claims = Tokens.claims(subject)
      .put("realm_access", new JsonObject().put("roles", new JsonArray().add(role)));
    return "Bearer " + Tokens.hs256(app.vertx, claims);
  }

  private HttpResponse<Buffer> get(String uri, String bearer) {
    return app.client.get(uri).putHeader("Authorization", bearer).send().await();
  }

  @Test
  void the_configured_admin_role_in_the_configured_claim_opens_the_admin_api() {
    HttpResponse<Buffer> response = get("/admin/api/queues", realmToken("sam", "support"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  @Test
  void admin_in_an_unconfigured_claim_is_not_admin() {
    JsonObject body = assertError(get("/admin/api/queues", Tokens.bearer(app.vertx, "eve", "admin")), 403,
      "forbidden");
    assertThat(body.getString("message")).contains("support");
  }

  @Test
  void the_configured_admin_role_sees_any_task_status_and_the_old_one_does_not() {
    String alice = realmToken("alice-roles", "user");
    HttpResponse<Buffer> fired = app.client.post("/v1/emails").putHeader("Authorization", alice)
      .sendJsonObject(new JsonObject().put("to", "bob@example.org").put("subject", "Hi").put("body", "Hello"))
      .await();
    assertThat(fired.statusCode()).as(fired.bodyAsString()).isEqualTo(202);
    String taskId = fired.bodyAsJsonObject().getString("task_id");
    assertThat(get("/v1/tasks/" + taskId, realmToken("sam", "support")).statusCode()).isEqualTo(200);
    assertThat(get("/v1/tasks/" + taskId, Tokens.bearer(app.vertx, "eve", "admin")).statusCode()).isEqualTo(404);
  }
}
