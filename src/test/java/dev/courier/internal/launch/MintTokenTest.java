package dev.courier.internal.launch;

import dev.courier.launch.MintToken;

import dev.courier.internal.testing.ChildJvm;
import dev.courier.internal.auth.JwtVerifier;
import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The token MintToken prints for conf/config.json is one a node with that config accepts, with the asked claims. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MintTokenTest {

  @TempDir
  static Path dir;

  private JsonObject jwt;
  private String token;

  @BeforeAll
  void mint() throws Exception {
    jwt = new JsonObject(Files.readString(Path.of("conf", "config.json"))).getJsonObject("auth").getJsonObject("jwt");
    ChildJvm child = ChildJvm.start(dir, MintToken.class, Map.of(),
      "-conf", "conf/config.json", "--sub", "alice", "--roles", "admin");
    try {
      assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
      assertThat(child.process.exitValue()).as("exit code; stderr: %s", child.stderr()).isZero();
      String[] lines = child.stdout().split("\\R");
      assertThat(lines).as("stdout is the token alone: %s", child.stdout()).hasSize(1);
      token = lines[0];
    } finally {
      child.kill();
    }
  }

  @Test
  void the_token_is_a_signed_jwt_with_the_asked_claims_and_the_config_issuer_and_audience() {
    Vertx vertx = Vertx.vertx();
    try {
      User user = JwtVerifier.create(vertx, jwt.getString("algorithm"), jwt.getString("secret"),
        jwt.getString("issuer"), jwt.getString("audience"), 5).authenticate(new TokenCredentials(token)).await();
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      assertThat(claims.getString("sub")).isEqualTo("alice");
      assertThat(claims.getJsonArray("roles").getList()).containsExactly("admin");
      assertThat(claims.getString("iss")).isEqualTo("courier-dev").isEqualTo(jwt.getString("issuer"));
      assertThat(claims.getValue("aud").toString()).contains(jwt.getString("audience"));
      assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(3600L);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void another_secret_rejects_the_token() {
    Vertx vertx = Vertx.vertx();
    try {
      Throwable rejected = catchThrowable(() -> JwtVerifier.create(vertx, "HS256", TestNode.SECRET,
        jwt.getString("issuer"), jwt.getString("audience"), 5).authenticate(new TokenCredentials(token)).await());
      assertThat(rejected).isNotNull();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_node_with_the_same_config_values_accepts_the_token() {
    JsonObject auth = new JsonObject().put("auth", new JsonObject().put("jwt", jwt.copy()));
    try (TestNode app = TestNode.start(new SignupService(), RedisFixture.shared().url(), auth)) {
      HttpResponse<Buffer> me = app.client.get("/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
      assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
      assertThat(me.bodyAsJsonObject().getString("subject")).isEqualTo("alice");
      assertThat(me.bodyAsJsonObject().getJsonArray("roles").getList()).containsExactly("admin");
    }
  }

  @Test
  void help_prints_the_usage_on_stdout_and_needs_no_config() throws Exception {
    ChildJvm child = ChildJvm.start(dir, MintToken.class, Map.of(), "--help", "-conf", "no-such-file.json");
    try {
      assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(child.process.exitValue()).isZero();
      assertThat(child.stdout()).startsWith("usage: ").contains("--sub").contains("--roles").contains("--ttl")
        .contains("--private-key");
      assertThat(child.stderr()).isEmpty();
    } finally {
      child.kill();
    }
  }
}
