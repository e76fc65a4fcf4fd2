package dev.courier.internal.http;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.OperationHandler;
import dev.courier.api.Reply;
import dev.courier.context.Principal;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security requirements as OpenAPI means them, over test-security.yaml: optional auth ({@code {}} among the
 * alternatives), OR of alternatives, AND of the schemes within one, the contract's default and {@code security: []}.
 * Before Courier enforced these itself, a contract with more than one requirement stopped the node at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityRequirementsTest {

  private TestNode app;

  @BeforeAll
  void start() {
    app = TestNode.start(new SecuredService(), RedisFixture.shared().url(), new JsonObject());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private HttpResponse<Buffer> get(String path, String authorization) {
    var request = app.client.get(path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.send().await();
  }

  private String token(String subject, String... roles) {
    return Tokens.bearer(app.vertx, subject, roles);
  }

  private static String caller(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("caller");
  }

  @Test
  void optional_auth_admits_a_caller_without_a_token_as_anonymous() {
    assertThat(caller(get("/greeting", null))).isNull();
  }

  @Test
  void optional_auth_names_a_caller_with_a_valid_token() {
    assertThat(caller(get("/greeting", token("alice")))).isEqualTo("alice");
  }

  @Test
  void optional_auth_still_refuses_a_bad_token() {
    assertError(get("/greeting", "Bearer not.a.token"), 401, "unauthorized");
    assertError(get("/greeting", "Basic YWxpY2U6c2VjcmV0"), 401, "unauthorized");
  }

  @Test
  void either_alternative_of_an_or_admits() {
    assertThat(caller(get("/reports", token("ann", "admin")))).isEqualTo("ann");
    assertThat(caller(get("/reports", token("aud", "auditor")))).isEqualTo("aud");
  }

  @Test
  void a_token_matching_no_alternative_is_403_naming_them_all() {
    JsonObject body = assertError(get("/reports", token("bob", "ops")), 403, "forbidden");
    assertThat(body.getString("message")).contains("role(s) admin").contains("or role(s) auditor");
    assertError(get("/reports", null), 401, "unauthorized");
  }

  @Test
  void and_within_one_requirement_needs_every_scheme_roles() {
    assertError(get("/vault", token("ann", "admin")), 403, "forbidden");
    assertError(get("/vault", token("fay", "finance")), 403, "forbidden");
    assertThat(caller(get("/vault", token("both", "admin", "finance")))).isEqualTo("both");
  }

  @Test
  void an_operation_without_its_own_security_takes_the_contract_default() {
    assertError(get("/profile", null), 401, "unauthorized");
    assertThat(caller(get("/profile", token("carl")))).isEqualTo("carl");
  }

  @Test
  void an_empty_security_list_makes_an_operation_public() {
    assertThat(caller(get("/open", null))).isNull();
    assertThat(caller(get("/open", "Bearer not.a.token"))).isNull();
  }

  /** Every operation answers who called it, or null for an anonymous caller. */
  private static final class SecuredService implements CourierService {

    @Override
    public String contract() {
      return "openapi/test-security.yaml";
    }

    @Override
    public void setup(ServiceSetup setup) {
      OperationHandler whoCalled = request -> Future.succeededFuture(Reply.ok(
        new JsonObject().put("caller", request.caller().map(Principal::subject).orElse(null))));
      setup.operation("greeting", whoCalled).operation("reports", whoCalled).operation("vault", whoCalled)
        .operation("profile", whoCalled).operation("open", whoCalled);
    }
  }
}
