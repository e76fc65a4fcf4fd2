package dev.courier.internal.metrics;

import dev.courier.internal.testing.ChildJvm;
import dev.courier.internal.testing.Eventually;
import dev.courier.launch.Main;
import dev.courier.testkit.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service may leave {@code micrometer-registry-prometheus} out of its dependencies: with {@code metrics.enabled}
 * false its nodes run without it; with metrics on they stop at start-up with one line saying what is missing. Real
 * processes on the library's own runtime class path, minus the Prometheus jars, plus the example service.
 */
@Timeout(90)
class WithoutPrometheusTest {

  private static final Path RUNTIME_CLASSPATH = Path.of("target", "runtime-classpath.txt");

  @TempDir
  Path dir;

  @Test
  void metrics_off_runs_without_the_prometheus_registry() throws Exception {
    int port = freePort();
    ChildJvm node = ChildJvm.start(dir, classpath(), Main.class.getName(), Map.of("COURIER_METRICS_ENABLED", "false"),
      "-conf", config(port).toString());
    try {
      HttpClient http = HttpClient.newHttpClient();
      Eventually.until(Duration.ofSeconds(60), () -> status(http, port, "/health/ready") == 200
        || !node.process.isAlive());
      assertThat(status(http, port, "/health/ready")).as("stderr: %s", node.stderr()).isEqualTo(200);
      assertThat(status(http, port, "/metrics")).isEqualTo(404);
    } finally {
      node.process.destroy();
      node.process.waitFor(30, TimeUnit.SECONDS);
      node.kill();
    }
  }

  @Test
  void metrics_on_without_the_registry_is_one_line_naming_it() throws Exception {
    ChildJvm node = ChildJvm.start(dir, classpath(), Main.class.getName(), Map.of(),
      "-conf", config(freePort()).toString());
    try {
      assertThat(node.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(node.process.exitValue()).isEqualTo(1);
      // (SLF4J says it found no logging backend first: the library leaves that to the service)
      assertThat(node.stderr().lines().filter(line -> line.startsWith("courier:"))).containsExactly("courier: "
        + "metrics.enabled is true but "
        + "io.micrometer:micrometer-registry-prometheus is not on the class path; add it, or set metrics.enabled to "
        + "false");
      assertThat(node.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      node.kill();
    }
  }

  /** The library, its runtime dependencies without the Prometheus registry and client, and the example service. */
  private static String classpath() throws IOException {
    assertThat(RUNTIME_CLASSPATH).as("written by the build (mvn generate-test-resources)").exists();
    List<String> entries = new ArrayList<>();
    entries.add(Path.of("target", "classes").toAbsolutePath().toString());
    int dropped = 0;
    for (String entry : Files.readString(RUNTIME_CLASSPATH).trim().split(File.pathSeparator)) {
      if (entry.contains("micrometer-registry-prometheus") || entry.contains("io/prometheus")) {
        dropped++;
      } else {
        entries.add(entry);
      }
    }
    assertThat(dropped).as("the registry and its Prometheus client were on the class path").isGreaterThan(1);
    entries.add(Path.of("target", "example-classes").toAbsolutePath().toString());
    return String.join(File.pathSeparator, entries);
  }

  /** A worker-only node of the example service: no contract, no JWT key. */
  private Path config(int port) throws IOException {
    Path file = dir.resolve("worker-" + port + ".json");
    Files.writeString(file, """
      {"role": "worker", "http": {"host": "127.0.0.1", "port": %d},
       "redis": {"url": "%s"},
       "tasks": {"signingKey": "test-signing-key-0123456789abcdefghijklmnopqrstuv", "prefix": "%s"}}
      """.formatted(port, RedisFixture.shared().url(), RedisFixture.uniquePrefix()));
    return file;
  }

  private static int status(HttpClient http, int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
