package dev.courier.internal.auth;

import dev.courier.internal.testing.SignupNodeTest;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a bearer token can be wrong on an HS256 node is a 401 with WWW-Authenticate: Bearer. */
class JwtSecurityTest extends SignupNodeTest {



  private HttpResponse<Buffer> me(String authorization) {
    var request = app.client.get("/v1/me");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.send().await();
  }

  private void assertUnauthorized(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("unauthorized");
    assertThat(body.getString("request_id")).isEqualTo(response.getHeader("X-Request-Id"));
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Test
  void a_valid_token_passes() {
    assertThat(me(Tokens.bearer(app.vertx, "alice")).statusCode()).isEqualTo(200);
  }

  @Test
  void no_token_an_empty_one_or_another_scheme_is_401() {
    assertUnauthorized(me(null));
    assertThat(me(null).getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertUnauthorized(me("Bearer "));
    assertUnauthorized(me("Basic YWxpY2U6cGFzcw=="));
    assertUnauthorized(me("Bearer not.a.jwt"));
  }

  @Test
  void an_expired_token_is_401_but_leeway_is_honoured() {
    assertUnauthorized(me("Bearer " + Tokens.hs256(app.vertx, Tokens.claims("alice").put("exp", now() - 60))));
    assertThat(me("Bearer " + Tokens.hs256(app.vertx, Tokens.claims("alice").put("exp", now() - 2))).statusCode())
      .as("2 s past exp is inside the 5 s leeway").isEqualTo(200);
  }

  @Test
  void a_token_not_valid_yet_is_401() {
    assertUnauthorized(me("Bearer " + Tokens.hs256(app.vertx, Tokens.claims("alice").put("nbf", now() + 120))));
  }

  @Test
  void a_wrong_issuer_or_audience_is_401() {
    assertUnauthorized(me("Bearer " + Tokens.hs256(app.vertx, Tokens.claims("alice").put("iss", "evil"))));
    assertUnauthorized(me("Bearer " + Tokens.hs256(app.vertx, Tokens.claims("alice").put("aud", "other-api"))));
  }

  @Test
  void a_token_signed_with_another_secret_is_401() {
    String forged = TokenMinter.mint(app.vertx, "HS256", "another-secret-0123456789abcdefghijklmnop",
      Tokens.claims("alice"), 300);
    assertUnauthorized(me("Bearer " + forged));
  }

  @Test
  void alg_none_is_401() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = b64(Tokens.claims("alice").put("exp", now() + 300).encode());
    assertUnauthorized(me("Bearer " + header + "." + payload + "."));
    assertUnauthorized(me("Bearer " + header + "." + payload));
  }

  @Test
  void an_rs256_token_against_this_hs256_node_is_401() {
    String rs = TokenMinter.mint(app.vertx, "RS256", Tokens.privatePem(Tokens.rsa()), Tokens.claims("alice"), 300);
    assertUnauthorized(me("Bearer " + rs));
  }

  @Test
  void a_token_without_subject_is_401() {
    JsonObject claims = Tokens.claims("alice");
    claims.remove("sub");
    assertUnauthorized(me("Bearer " + Tokens.hs256(app.vertx, claims)));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
