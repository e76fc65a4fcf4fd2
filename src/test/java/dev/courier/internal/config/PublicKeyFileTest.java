package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicKeyFileTest {

  @TempDir
  Path dir;

  private static JsonObject withAlgorithm(String algorithm) {
    return minimalWith("auth.jwt.algorithm", algorithm);
  }

  private Path pemFile(String keyAlgorithm) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
    generator.initialize(keyAlgorithm.equals("EC") ? 256 : 2048);
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
      generator.generateKeyPair().getPublic().getEncoded());
    Path file = dir.resolve(keyAlgorithm.toLowerCase() + ".pem");
    Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
    return file;
  }

  @Test
  void rs256NeedsAPublicKeyFile() {
    failureOf(withAlgorithm("RS256"))
      .isEqualTo("config key 'auth.jwt.publicKeyFile': required when auth.jwt.algorithm is RS256");
  }

  @Test
  void missingKeyFileIsNamed() {
    Path missing = dir.resolve("nope.pem");
    failureOf(ConfigFixtures.with(withAlgorithm("RS256"), "auth.jwt.publicKeyFile", missing.toString()))
      .isEqualTo("config key 'auth.jwt.publicKeyFile': file '" + missing + "' not found or not readable");
  }

  @Test
  void missingKeyFileFromEnvNamesTheVariable() {
    Path missing = dir.resolve("nope.pem");
    failureOf(withAlgorithm("ES256"), Map.of("COURIER_AUTH_JWT_PUBLIC_KEY_FILE", missing.toString()))
      .isEqualTo("config key 'auth.jwt.publicKeyFile' (from COURIER_AUTH_JWT_PUBLIC_KEY_FILE): file '" + missing
        + "' not found or not readable");
  }

  @Test
  void nonPemFileIsRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("key.txt"), "not a key");
    failureOf(ConfigFixtures.with(withAlgorithm("RS256"), "auth.jwt.publicKeyFile", file.toString()))
      .isEqualTo("config key 'auth.jwt.publicKeyFile': must be a PEM file with a -----BEGIN PUBLIC KEY----- block,"
        + " got file '" + file + "'");
  }

  @Test
  void keyOfTheWrongFamilyIsRejected() throws Exception {
    Path ec = pemFile("EC");
    failureOf(ConfigFixtures.with(withAlgorithm("RS256"), "auth.jwt.publicKeyFile", ec.toString()))
      .isEqualTo("config key 'auth.jwt.publicKeyFile': must hold an RSA public key for RS256, got file '" + ec + "'");
  }

  @Test
  void rs256LoadsThePem() throws Exception {
    Path rsa = pemFile("RSA");
    JwtConfig jwt = load(ConfigFixtures.with(withAlgorithm("RS256"), "auth.jwt.publicKeyFile", rsa.toString())).auth();
    assertThat(jwt.algorithm()).isEqualTo(JwtAlgorithm.RS256);
    assertThat(jwt.publicKeyFile()).contains(rsa);
    assertThat(jwt.publicKeyPem()).hasValueSatisfying(pem -> assertThat(pem)
      .startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n"));
  }

  @Test
  void es256WithoutSecretLoads() throws Exception {
    JsonObject json = ConfigFixtures.with(withAlgorithm("ES256"), "auth.jwt.publicKeyFile", pemFile("EC").toString());
    json.getJsonObject("auth").getJsonObject("jwt").remove("secret");
    assertThat(load(json).auth().publicKeyPem()).isPresent();
  }

  @Test
  void stalePathIsIgnoredUnderHs256() {
    JwtConfig jwt = load(minimalWith("auth.jwt.publicKeyFile", dir.resolve("gone.pem").toString())).auth();
    assertThat(jwt.publicKeyPem()).isEmpty();
  }
}
