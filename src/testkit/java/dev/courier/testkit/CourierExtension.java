package dev.courier.testkit;

import dev.courier.CourierService;
import dev.courier.internal.auth.TokenMinter;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.launch.CourierNode;
import dev.courier.internal.metrics.MeteredVertx;
import dev.courier.task.TaskClient;
import dev.courier.task.TaskStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * JUnit 5 extension that runs a real node of your service for your tests: your contract, your handlers, your tasks,
 * against a real Redis ({@link RedisFixture#shared()} unless given one), role {@code all} unless told otherwise.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CourierExtension courier = CourierExtension.of(new HelloService());
 *
 * @Test
 * void greets() throws Exception {
 *   HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(courier.uri("/v1/greetings"))
 *     .header("Authorization", "Bearer " + courier.token("alice"))
 *     .POST(BodyPublishers.ofString("{\"name\":\"Ada\"}")).header("Content-Type", "application/json").build(),
 *     BodyHandlers.ofString());
 *   ...
 * }
 * }</pre>
 *
 * <p>On a {@code static} field the node serves the whole class; on an instance field, each test gets its own. Every
 * node has its own key prefix, HS256 secret and task signing key, so tests never see each other's data. The config
 * starts from {@link #configFile} (e.g. your {@code conf/config.json}, for its {@code service} section), then the test's
 * own settings, then {@link #config} overrides. {@code COURIER_*} environment variables are ignored, so a test runs
 * the same everywhere.
 */
public final class CourierExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
  AfterEachCallback {

  private static final int START_TIMEOUT_SECONDS = 30;
  private static final long POLL_MILLIS = 25;

  private final CourierService service;
  private String role = "all";
  private Path configFile;
  private JsonObject overrides = new JsonObject();
  private RedisFixture redis;
  private boolean perClass;
  private TestConfig testConfig;
  private Vertx vertx;
  private CourierNode node;

  private CourierExtension(CourierService service) {
    this.service = Objects.requireNonNull(service, "'service' cannot be null");
  }

  /** An extension that will run {@code service}. */
  public static CourierExtension of(CourierService service) {
    return new CourierExtension(service);
  }

  /** The node's role: {@code all} (default), {@code api} or {@code worker}. */
  public CourierExtension role(String role) {
    this.role = Objects.requireNonNull(role, "'role' cannot be null");
    return this;
  }

  /** A config file to start from, e.g. {@code Path.of("conf/config.json")}. */
  public CourierExtension configFile(Path file) {
    this.configFile = Objects.requireNonNull(file, "'file' cannot be null");
    return this;
  }

  /** Config merged last (deeply), e.g. {@code new JsonObject().put("tasks", new JsonObject().put("concurrency", 4))}. */
  public CourierExtension config(JsonObject overrides) {
    this.overrides = Objects.requireNonNull(overrides, "'overrides' cannot be null").copy();
    return this;
  }

  /** The Redis to use instead of the JVM-wide shared one (for tests that stop or restart it). */
  public CourierExtension redis(RedisFixture redis) {
    this.redis = Objects.requireNonNull(redis, "'redis' cannot be null");
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  /** @return the absolute URI of {@code path} on the node, e.g. {@code uri("/v1/greetings")} */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path));
  }

  /** @return the node's HTTP port */
  public int port() {
    return running().httpPort();
  }

  /** @return a token the node accepts (valid 10 minutes) for {@code subject} with {@code roles}, without "Bearer " */
  public String token(String subject, String... roles) {
    JsonObject claims = new JsonObject().put("sub", subject).put("iss", TestConfig.ISSUER)
      .put("aud", TestConfig.AUDIENCE).put("roles", new JsonArray(List.of(roles)));
    return TokenMinter.mint(vertx, "HS256", testConfig.jwtSecret, claims, 600);
  }

  /** @return the node's task client, to fire tasks from a test as a handler would */
  public TaskClient tasks() {
    return running().tasks();
  }

  /**
   * Waits, on the test's thread, until the task is {@code succeeded} or {@code dead} (30 s at most).
   *
   * @return its final status, with its result
   * @throws AssertionError naming the task's last known state when it does not end in time
   */
  public TaskStatus awaitTask(String taskId) {
    return awaitTask(taskId, Duration.ofSeconds(30));
  }

  /** As {@link #awaitTask(String)}, waiting at most {@code timeout}. */
  public TaskStatus awaitTask(String taskId, Duration timeout) {
    Objects.requireNonNull(taskId, "'taskId' cannot be null");
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<TaskStatus> last = Optional.empty();
    while (System.nanoTime() < deadline) {
      last = tasks().status(taskId).await(); // a read answers or fails within Redis's own timeouts
      if (last.isPresent() && last.get().state().isFinal()) {
        return last.get();
      }
      pause();
    }
    throw new AssertionError("task " + taskId + " did not end within " + timeout + ": "
      + last.map(s -> "last seen " + s.state().wireName() + " after " + s.attempts() + " attempt(s)"
        + (s.lastError() == null ? "" : ", last error: " + s.lastError())).orElse("no such task"));
  }

  /** @return the node's Vert.x instance */
  public Vertx vertx() {
    running();
    return vertx;
  }

  /** @return the Redis the node uses */
  public RedisFixture redisFixture() {
    return redis != null ? redis : RedisFixture.shared();
  }

  /** @return the key prefix of this node's tasks (each node gets a fresh one) */
  public String keyPrefix() {
    running();
    return testConfig.prefix;
  }

  private void start() {
    testConfig = new TestConfig();
    JsonObject config = testConfig.build(baseConfig(), role, redisFixture().url(), overrides);
    CourierConfig checked = ConfigLoader.fromJson(config, Map.of());
    vertx = MeteredVertx.create(checked.metrics()); // as a node's Main makes it: with metrics unless they are off
    try {
      node = CourierNode.start(vertx, checked, service)
        .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      vertx = null;
      throw e instanceof RuntimeException re ? re : new IllegalStateException("the node did not start", e);
    }
  }

  private void stop() {
    if (vertx == null) {
      return;
    }
    try {
      node.close().await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the node is going away either way
    } finally {
      vertx.close().await();
      vertx = null;
      node = null;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS); // the test's own thread, never an event loop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a task", e);
    }
  }

  private JsonObject baseConfig() {
    if (configFile == null) {
      return new JsonObject();
    }
    try {
      return new JsonObject(Files.readString(configFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configFile, e);
    }
  }

  private CourierNode running() {
    if (node == null) {
      throw new IllegalStateException("the node is not running: register the extension with @RegisterExtension");
    }
    return node;
  }
}
