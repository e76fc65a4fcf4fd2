package dev.courier.internal.testing;

import dev.courier.testkit.RedisFixture;

import dev.courier.CourierService;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.launch.CourierNode;
import dev.courier.internal.metrics.MeteredVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Courier node for a test: the production wiring ({@link CourierNode}) on port 0 against a real Redis, with
 * response validation on and a unique key prefix, plus a web client aimed at it.
 */
public final class TestNode implements AutoCloseable {

  public static final String SECRET = "test-secret-0123456789abcdefghijklmnopqrstuvwxyz";
  public static final String SIGNING_KEY = "test-signing-key-0123456789abcdefghijklmnopqrstuv";
  public static final String ISSUER = "courier-test";
  public static final String AUDIENCE = "courier-api";

  public final Vertx vertx;
  public final CourierNode node;
  public final WebClient client;
  public final String prefix;

  private TestNode(Vertx vertx, CourierNode node, String prefix) {
    this.vertx = vertx;
    this.node = node;
    this.prefix = prefix;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(node.httpPort()));
  }

  /** The config every test node starts from; {@code overrides} is merged deeply on top. */
  public static JsonObject config(String redisUrl, String prefix, JsonObject overrides) {
    JsonObject base = new JsonObject()
      .put("role", "api")
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("validateResponses", true)
        .put("maxBodyBytes", 4096))
      .put("redis", new JsonObject().put("url", redisUrl))
      .put("auth", new JsonObject().put("jwt", new JsonObject().put("algorithm", "HS256").put("secret", SECRET)
        .put("issuer", ISSUER).put("audience", AUDIENCE).put("leewaySeconds", 5)))
      .put("tasks", new JsonObject().put("signingKey", SIGNING_KEY).put("prefix", prefix))
      .put("service", new JsonObject().put("keyPrefix", prefix));
    return base.mergeIn(overrides, true);
  }

  /** A worker-only node's config: role worker and no auth section at all (a worker verifies no tokens). */
  public static CourierConfig workerConfig(String redisUrl, String prefix) {
    JsonObject json = config(redisUrl, prefix, new JsonObject().put("role", "worker"));
    json.remove("auth");
    return ConfigLoader.fromJson(json, Map.of());
  }

  /** What a client without a node needs, and nothing more: Redis, the signing key and the prefix. */
  public static JsonObject clientConfig(String redisUrl, String prefix) {
    return new JsonObject().put("redis", new JsonObject().put("url", redisUrl))
      .put("tasks", new JsonObject().put("signingKey", SIGNING_KEY).put("prefix", prefix));
  }

  /** {@code config} (a node's or a client's) with {@code tasks.signingKeys} in place of {@code tasks.signingKey}. */
  public static JsonObject withSigningKeys(JsonObject config, String... keys) {
    JsonObject tasks = config.getJsonObject("tasks");
    tasks.remove("signingKey");
    tasks.put("signingKeys", new io.vertx.core.json.JsonArray(java.util.List.of(keys)));
    return config;
  }

  /** A worker-only node's config (as {@link #workerConfig}) whose envelopes use {@code keys}: the first signs. */
  public static CourierConfig workerConfig(String redisUrl, String prefix, JsonObject overrides, String... keys) {
    JsonObject json = config(redisUrl, prefix, new JsonObject().put("role", "worker")).mergeIn(overrides, true);
    json.remove("auth");
    return ConfigLoader.fromJson(withSigningKeys(json, keys), Map.of());
  }

  public static TestNode start(CourierService service, String redisUrl, JsonObject overrides) {
    return start(service, redisUrl, RedisFixture.uniquePrefix(), overrides);
  }

  /** A node on an existing prefix: several nodes of one service share their queues this way. */
  public static TestNode start(CourierService service, String redisUrl, String prefix, JsonObject overrides) {
    return start(service, ConfigLoader.fromJson(config(redisUrl, prefix, overrides), Map.of()), prefix);
  }

  public static TestNode start(CourierService service, CourierConfig config, String prefix) {
    Vertx vertx = MeteredVertx.create(config.metrics()); // as Main makes it: with metrics unless they are off
    try {
      CourierNode node = CourierNode.start(vertx, config, service).await(20, TimeUnit.SECONDS);
      return new TestNode(vertx, node, prefix);
    } catch (Exception e) {
      vertx.close();
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
      node.close().await(30, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the node is going away either way
    } finally {
      vertx.close().await();
    }
  }
}
