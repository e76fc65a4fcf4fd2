package dev.courier.internal.launch;

import dev.courier.launch.Main;

import dev.courier.internal.testing.ChildJvm;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Main} in its own JVM: one stderr line and a non-zero exit on bad config, a clean start and SIGTERM stop. */
class MainTest {

  @TempDir
  Path dir;

  /** conf/config.json with {@code edits} merged on top, written to a temp file. */
  private Path config(JsonObject edits) throws IOException {
    JsonObject json = new JsonObject(Files.readString(Path.of("conf", "config.json"))).mergeIn(edits, true);
    Path file = Files.createTempFile(dir, "config-", ".json");
    Files.writeString(file, json.encodePrettily());
    return file;
  }

  /** {@link #config} without its {@code auth} section: no JWT key at all. */
  private Path configWithoutAuth(JsonObject edits) throws IOException {
    Path file = config(edits);
    JsonObject json = new JsonObject(Files.readString(file));
    json.remove("auth");
    Files.writeString(file, json.encodePrettily());
    return file;
  }

  /** Runs Main expecting it to refuse to start; returns its single stderr line. */
  private String refusal(Map<String, String> env, String... args) throws InterruptedException {
    ChildJvm child = ChildJvm.start(dir, Main.class, env, args);
    try {
      assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
      assertThat(child.process.exitValue()).as("exit code; stderr: %s", child.stderr()).isNotZero();
      String[] lines = child.stderr().split("\\R");
      assertThat(lines).as("stderr: %s", child.stderr()).hasSize(1);
      assertThat(lines[0]).isNotBlank();
      return lines[0];
    } finally {
      child.kill();
    }
  }

  @Test
  void a_port_that_is_not_a_number_is_one_stderr_line_naming_the_key() throws Exception {
    Path conf = config(new JsonObject().put("http", new JsonObject().put("port", "abc")));
    assertThat(refusal(Map.of(), "-conf", conf.toString())).contains("http.port").contains("abc");
  }

  @Test
  void a_bad_port_from_the_environment_names_the_key_and_the_variable() throws Exception {
    Path conf = config(new JsonObject());
    assertThat(refusal(Map.of("COURIER_HTTP_PORT", "99999"), "-conf", conf.toString()))
      .contains("http.port").contains("COURIER_HTTP_PORT").contains("99999");
  }

  @Test
  void redis_that_cannot_be_reached_at_start_is_one_line_naming_redis_url() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }
    Path conf = config(new JsonObject().put("role", "worker")
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
      .put("redis", new JsonObject().put("url", "redis://:hunter2-secret@127.0.0.1:" + port + "/0")));
    String line = refusal(Map.of(), "-conf", conf.toString());
    assertThat(line).startsWith("courier: cannot reach Redis at ").contains("redis.url")
      .contains("127.0.0.1:" + port).doesNotContain("hunter2-secret");
  }

  @Test
  void an_api_node_without_a_jwt_key_is_one_line_naming_the_key() throws Exception {
    Path conf = configWithoutAuth(new JsonObject().put("role", "api"));
    assertThat(refusal(Map.of(), "-conf", conf.toString()))
      .isEqualTo("courier: config key 'auth.jwt.secret': required when auth.jwt.algorithm is HS256");
  }

  @Test
  void a_worker_only_node_starts_without_a_jwt_key() throws Exception {
    Path conf = configWithoutAuth(new JsonObject().put("role", "worker")
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
      .put("redis", new JsonObject().put("url", RedisFixture.shared().url()))
      .put("tasks", new JsonObject().put("prefix", RedisFixture.uniquePrefix())));
    ChildJvm child = ChildJvm.start(dir, Main.class, Map.of(), "-conf", conf.toString());
    try {
      long deadline = System.currentTimeMillis() + 20_000;
      while (!child.stdout().contains("courier node started") && child.process.isAlive()
        && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(child.stdout()).as("stderr: %s", child.stderr()).contains("courier node started")
        .contains("\"role\":\"worker\"");
      child.process.destroy();
      assertThat(child.process.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s of SIGTERM").isTrue();
      assertThat(child.stderr()).isEmpty();
    } finally {
      child.kill();
    }
  }

  @Test
  void check_config_answers_in_one_line_and_exits_0_for_a_good_config_and_2_for_a_bad_one() throws Exception {
    ChildJvm good = ChildJvm.start(dir, Main.class, Map.of("COURIER_ROLE", "worker"), "-conf", "conf/worker.json",
      "--check-config");
    try {
      assertThat(good.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(good.process.exitValue()).as("stderr: %s", good.stderr()).isZero();
      assertThat(good.stdout().strip())
        .isEqualTo("courier: config ok (conf/worker.json, role worker, development node)");
    } finally {
      good.kill();
    }
    ChildJvm bad = ChildJvm.start(dir, Main.class, Map.of("COURIER_HTTP_PORT", "abc"), "--check-config");
    try {
      assertThat(bad.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(bad.process.exitValue()).isEqualTo(2);
      assertThat(bad.stderr().strip()).isEqualTo("courier: config key 'http.port' (from COURIER_HTTP_PORT): must be an "
        + "integer from 0 to 65535, got \"abc\"");
      assertThat(bad.stdout()).isEmpty();
    } finally {
      bad.kill();
    }
  }

  @Test
  void a_missing_config_file_is_one_line_naming_the_file() throws Exception {
    Path missing = dir.resolve("no-such-config.json");
    assertThat(refusal(Map.of(), "--conf=" + missing)).contains(missing.toString());
  }

  @Test
  void a_valid_config_starts_serves_and_stops_on_sigterm() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path conf = config(new JsonObject().put("role", "api")
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", port))
      .put("redis", new JsonObject().put("url", RedisFixture.shared().url())));
    ChildJvm child = ChildJvm.start(dir, Main.class, Map.of(), "-conf", conf.toString());
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
        .timeout(Duration.ofSeconds(2)).build();
      long deadline = System.currentTimeMillis() + 15_000;
      int status = -1;
      while (status != 200 && child.process.isAlive() && System.currentTimeMillis() < deadline) {
        try {
          status = http.send(live, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertThat(status).as("GET /health/live; stdout: %s; stderr: %s", child.stdout(), child.stderr())
        .isEqualTo(200);
      assertThat(child.stdout()).contains("courier node started");

      child.process.destroy();
      assertThat(child.process.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s of SIGTERM").isTrue();
      assertThat(child.stderr()).isEmpty();
    } finally {
      child.kill();
    }
  }

  @Test
  void conf_path_reads_both_option_forms_and_defaults_to_conf_config_json() {
    assertThat(NodeMain.confPath(new String[] {"-conf", "x.json"})).isEqualTo(Path.of("x.json"));
    assertThat(NodeMain.confPath(new String[] {"--conf", "x.json"})).isEqualTo(Path.of("x.json"));
    assertThat(NodeMain.confPath(new String[] {"--conf=x.json"})).isEqualTo(Path.of("x.json"));
    assertThat(NodeMain.confPath(new String[] {"-conf=x.json"})).isEqualTo(Path.of("x.json"));
    assertThat(NodeMain.confPath(new String[] {"--sub", "alice", "-conf", "y.json"})).isEqualTo(Path.of("y.json"));
    assertThat(NodeMain.confPath(new String[] {})).isEqualTo(Path.of("conf", "config.json"))
      .isEqualTo(ConfigLoader.DEFAULT_FILE);
    assertThat(NodeMain.confPath(new String[] {"-conf"})).as("a dangling -conf").isEqualTo(ConfigLoader.DEFAULT_FILE);
  }
}
