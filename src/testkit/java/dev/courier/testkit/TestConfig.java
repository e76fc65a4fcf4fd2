package dev.courier.testkit;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The config a test node starts from: the user's own config file (if any) with what a test must own laid over it
 * (loopback HTTP on a free port, the test's Redis, a fresh key prefix, fresh secrets), then the test's overrides.
 */
final class TestConfig {

  static final String ISSUER = "courier-testkit";
  static final String AUDIENCE = "courier-testkit";

  final String jwtSecret = "testkit-" + UUID.randomUUID() + UUID.randomUUID();
  final String prefix = RedisFixture.uniquePrefix();

  JsonObject build(JsonObject base, String role, String redisUrl, JsonObject overrides) {
    JsonObject owned = new JsonObject()
      .put("role", role)
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
      .put("redis", new JsonObject().put("url", redisUrl))
      .put("auth", new JsonObject().put("jwt", new JsonObject().put("algorithm", "HS256").put("secret", jwtSecret)
        .put("issuer", ISSUER).put("audience", AUDIENCE).put("publicKeyFile", null)))
      .put("tasks", new JsonObject().put("signingKey", "testkit-" + UUID.randomUUID() + UUID.randomUUID())
        .put("prefix", prefix));
    JsonObject config = base.copy().mergeIn(owned, true).mergeIn(overrides, true);
    dropNulls(config);
    return config;
  }

  /** A base file may name a public key file; the test's HS256 secret replaces it, so the key is dropped. */
  private static void dropNulls(JsonObject json) {
    json.fieldNames().removeIf(name -> json.getValue(name) == null);
    json.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject child) {
        dropNulls(child);
      }
    });
  }
}
