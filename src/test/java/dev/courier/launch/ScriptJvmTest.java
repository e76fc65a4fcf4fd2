package dev.courier.launch;

import dev.courier.internal.testing.ChildJvm;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.ProcSockets;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.launch.script.FireOnce;
import dev.courier.launch.script.ScriptTasks;
import dev.courier.launch.script.ScriptWorkerService;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A program whose classpath is the library alone (its classes and runtime dependencies, plus its own main and task
 * class) fires a task that a worker node in this JVM runs. It binds no port: it holds Redis connections only.
 */
class ScriptJvmTest {

  private static final Path LIBRARY = Path.of("target", "classes");
  private static final Path RUNTIME_CLASSPATH = Path.of("target", "runtime-classpath.txt");
  private static final Path TEST_CLASSES = Path.of("target", "test-classes");

  @TempDir
  Path dir;

  /** target/classes, the runtime dependencies, and a folder with only the script package's classes. */
  private String libraryOnlyClasspath() throws IOException {
    assertThat(RUNTIME_CLASSPATH).as("written by the build (mvn generate-test-resources)").exists();
    String pkg = FireOnce.class.getPackageName().replace('.', '/');
    Path scripts = Files.createDirectories(dir.resolve("script-classes").resolve(pkg));
    try (Stream<Path> classes = Files.list(TEST_CLASSES.resolve(pkg))) {
      for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
        Files.copy(file, scripts.resolve(file.getFileName()));
      }
    }
    List<String> entries = new ArrayList<>();
    entries.add(LIBRARY.toAbsolutePath().toString());
    entries.addAll(List.of(Files.readString(RUNTIME_CLASSPATH).trim().split(File.pathSeparator)));
    assertThat(entries).noneMatch(e -> e.contains("test-classes") || e.contains("example-classes")
      || e.contains("junit") || e.contains("assertj") || e.contains("testcontainers")
      || e.contains("opentelemetry")); // optional: a client fires traced tasks without the SDK
    entries.add(dir.resolve("script-classes").toString());
    return String.join(File.pathSeparator, entries);
  }

  @Test
  void a_program_with_only_the_library_fires_a_task_that_a_worker_node_runs_and_listens_on_no_port()
    throws Exception {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    String marker = "script-" + UUID.randomUUID();
    try (TestNode worker = TestNode.start(new WorkerOnlyService(new ScriptTasks()), TestNode.workerConfig(url, prefix),
      prefix)) {
      // the whole config from the environment: no http key, no auth key
      ChildJvm script = ChildJvm.start(dir, libraryOnlyClasspath(), FireOnce.class.getName(), Map.of(
        "COURIER_REDIS_URL", url, "COURIER_TASKS_SIGNING_KEY", TestNode.SIGNING_KEY, "COURIER_TASKS_PREFIX", prefix),
        marker);
      try {
        Eventually.until(Duration.ofSeconds(30), () -> script.stdout().contains("FIRED ") || !script.process.isAlive());
        assertThat(script.stdout()).as("stderr: %s", script.stderr()).contains("FIRED ");
        String taskId = script.stdout().lines().filter(l -> l.startsWith("FIRED ")).findFirst().orElseThrow()
          .substring("FIRED ".length());

        List<ProcSockets.TcpSocket> sockets = ProcSockets.of(script.process.pid());
        int redisPort = RedisFixture.shared().port();
        assertThat(sockets).as("its connections to Redis are seen").anyMatch(s -> s.remotePort() == redisPort);
        assertThat(sockets).as("it listens on no port").noneMatch(ProcSockets.TcpSocket::listening);

        ScriptTasks.Run run = Eventually.until(Duration.ofSeconds(10), () -> ScriptTasks.run(marker), Objects::nonNull);
        assertThat(run.taskId()).isEqualTo(taskId);
        assertThat(run.times()).isEqualTo(7);
        assertThat(run.principal().subject()).isEqualTo("nightly-batch");
        assertThat(run.principal().roles()).containsExactly("batch");

        try (OutputStream stdin = script.process.getOutputStream()) {
          stdin.write("done\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(script.process.waitFor(20, TimeUnit.SECONDS)).as("closed and exited").isTrue();
        assertThat(script.process.exitValue()).as("stderr: %s", script.stderr()).isZero();
        assertThat(script.stdout()).contains("CLOSED");
      } finally {
        script.kill();
      }
    }
  }

  /**
   * OpenTelemetry is an optional dependency: a worker node on the library's classpath alone runs tasks (their trace ids
   * made without the SDK), and one asked to export spans without the SDK refuses to start, saying what to add.
   */
  @Test
  void a_node_runs_without_the_tracing_sdk_and_says_what_to_add_when_asked_to_export() throws Exception {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    String classpath = libraryOnlyClasspath();
    Path services = Files.createDirectories(dir.resolve("script-classes").resolve("META-INF").resolve("services"));
    Files.writeString(services.resolve("dev.courier.CourierService"), ScriptWorkerService.class.getName() + "\n");
    Path conf = Files.writeString(dir.resolve("config.json"), "{}");
    Map<String, String> env = new java.util.HashMap<>(Map.of("COURIER_ROLE", "worker", "COURIER_REDIS_URL", url,
      "COURIER_TASKS_SIGNING_KEY", TestNode.SIGNING_KEY, "COURIER_TASKS_PREFIX", prefix,
      "COURIER_HTTP_HOST", "127.0.0.1", "COURIER_HTTP_PORT", "0"));

    ChildJvm worker = ChildJvm.start(dir, classpath, "dev.courier.launch.Main", env, "-conf", conf.toString());
    CourierClient client = Courier.client(TestNode.clientConfig(url, prefix));
    try {
      String taskId = client.tasks().call(ScriptTasks::note).fire("no-sdk-" + UUID.randomUUID(), 3).await().taskId();
      TaskStatus done = Eventually.until(Duration.ofSeconds(30), () -> client.tasks().status(taskId).await()
        .filter(s -> s.state().isFinal()).orElse(null), s -> s != null || !worker.process.isAlive());
      assertThat(done).as("stderr: %s", worker.stderr()).isNotNull();
      assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
    } finally {
      client.close().await();
      worker.kill();
    }

    env.put("COURIER_TRACING_OTLP_ENDPOINT", "http://127.0.0.1:4318");
    ChildJvm traced = ChildJvm.start(dir, classpath, "dev.courier.launch.Main", env, "-conf", conf.toString());
    try {
      assertThat(traced.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(traced.process.exitValue()).isEqualTo(1);
      assertThat(traced.stderr()).contains("courier: cannot start: tracing.otlpEndpoint is set, but the "
        + "OpenTelemetry SDK is not on the classpath: add io.opentelemetry:opentelemetry-sdk-trace");
    } finally {
      traced.kill();
    }
  }
}
