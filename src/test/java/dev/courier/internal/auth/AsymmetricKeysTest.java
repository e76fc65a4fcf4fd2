package dev.courier.internal.auth;

import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

/** RS256 and ES256 nodes accept their own tokens and refuse algorithm confusion (an HS256 token keyed with the PEM). */
class AsymmetricKeysTest {

  @TempDir
  Path dir;

  private TestNode node(String algorithm, KeyPair keys) throws Exception {
    Path pem = Files.writeString(dir.resolve(algorithm + ".pem"), Tokens.publicPem(keys));
    JsonObject jwt = new JsonObject().put("algorithm", algorithm).putNull("secret")
      .put("publicKeyFile", pem.toString());
    return TestNode.start(new SignupService(), RedisFixture.shared().url(),
      new JsonObject().put("auth", new JsonObject().put("jwt", jwt)));
  }

  private int status(TestNode app, String token) {
    return app.client.get("/v1/me").putHeader("Authorization", "Bearer " + token).send().await().statusCode();
  }

  @Test
  void rs256_node_accepts_rs256_and_refuses_hs256_keyed_with_its_public_key() throws Exception {
    KeyPair keys = Tokens.rsa();
    try (TestNode app = node("RS256", keys)) {
      assertThat(status(app, TokenMinter.mint(app.vertx, "RS256", Tokens.privatePem(keys), Tokens.claims("bob"), 60)))
        .isEqualTo(200);
      String confused = TokenMinter.mint(app.vertx, "HS256", Tokens.publicPem(keys), Tokens.claims("bob"), 60);
      assertThat(status(app, confused)).isEqualTo(401);
      assertThat(status(app, TokenMinter.mint(app.vertx, "RS256", Tokens.privatePem(Tokens.rsa()),
        Tokens.claims("bob"), 60))).as("another RSA key").isEqualTo(401);
    }
  }

  @Test
  void es256_node_accepts_es256_and_refuses_rs256() throws Exception {
    KeyPair keys = Tokens.ec();
    try (TestNode app = node("ES256", keys)) {
      assertThat(status(app, TokenMinter.mint(app.vertx, "ES256", Tokens.privatePem(keys), Tokens.claims("eve"), 60)))
        .isEqualTo(200);
      assertThat(status(app, TokenMinter.mint(app.vertx, "RS256", Tokens.privatePem(Tokens.rsa()),
        Tokens.claims("eve"), 60))).isEqualTo(401);
    }
  }
}
