package dev.courier.api;

import dev.courier.internal.auth.TokenMinter;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line between the API and the internals, as a service module meets it: the library's classes (target/classes,
 * with its module-info) and its runtime dependencies on the module path, and a small service module compiled and run
 * against them. The rest of the suite runs on the class path, where JPMS does not apply (see
 * {@link PublicApiTest#callContextCannotBeBoundByUserCode} for the check that holds there).
 */
@Timeout(180)
class ModuleBoundaryTest {

  private static final Path LIBRARY = Path.of("target/classes");
  private static final Path DEPENDENCIES = Path.of("target/runtime-classpath.txt"); // written by the build
  /** The service modules' sources: module-info.java (needs only Courier), starter/module-info.java, com/example/svc. */
  private static final Path FIXTURES = Path.of("src/test/resources/dev/courier/api/service-module");

  /** README's four: the packages of Vert.x Courier uses and Vert.x does not export (as in the pom's compile). */
  private static final List<String> ADD_EXPORTS = List.of(
    "io.vertx.web/io.vertx.ext.web.handler.impl=dev.courier",
    "io.vertx.openapi/io.vertx.openapi.validation.impl=dev.courier",
    "io.vertx.openapi/io.vertx.openapi.validation.analyser=dev.courier",
    "io.vertx.metrics.micrometer/io.vertx.micrometer.impl=dev.courier");
  private static final String ADD_OPENS = "io.vertx.redis.client/io.vertx.redis.client.impl=dev.courier";

  private static String modulePath;

  @TempDir
  Path dir;

  @BeforeAll
  static void modulePath() throws IOException {
    assertThat(LIBRARY.resolve("module-info.class")).as("the library is a module").exists();
    modulePath = LIBRARY + File.pathSeparator + Files.readString(DEPENDENCIES).strip();
  }

  @Test
  void aServiceModuleUsingTheApiCompiles() throws IOException {
    List<Diagnostic<? extends JavaFileObject>> errors = compile("Greetings");
    assertThat(errors).isEmpty();
  }

  @Test
  void aServiceModuleCannotSeeTheInternals() throws IOException {
    List<Diagnostic<? extends JavaFileObject>> errors = compile("Greetings", "Forger");
    assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.getSource()).as(error.toString())
      .isNotNull().satisfies(source -> assertThat(source.getName()).endsWith("Forger.java")));
    assertThat(errors.get(0).getMessage(null))
      .contains("package dev.courier.internal.context is not visible")
      .contains("declared in module dev.courier, which does not export it");
  }

  @Test
  void onTheModulePathReflectionCannotReachTheInternalsEither() throws Exception {
    assertThat(compile("Greetings", "Probe")).isEmpty();
    Path output = dir.resolve("probe.txt");
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "--module-path", dir.resolve("classes") + File.pathSeparator + modulePath,
      "-m", "com.example.svc/com.example.svc.Probe")
      .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!probe.waitFor(60, TimeUnit.SECONDS)) {
      probe.destroyForcibly();
      throw new AssertionError("the probe did not end: " + Files.readString(output));
    }
    String printed = Files.readString(output);
    assertThat(probe.exitValue()).as(printed).isZero();
    assertThat(printed)
      .contains("bound: false") // Vert.x was built with Courier's slot (provides), and nothing is bound
      .contains("invoke: refused: java.lang.IllegalAccessException")
      .contains("does not export dev.courier.internal.context to module com.example.svc")
      .contains("setAccessible: refused: InaccessibleObjectException");
  }

  /**
   * The starter's service, unchanged, as a module (the descriptor README shows): a node started on the module path
   * with README's --add-exports and --add-opens serves its operation and runs its task as the caller. Proves the descriptor
   * whole: what it requires, uses, provides and opens, and that the call-context check admits Courier's own
   * binders in a named module.
   */
  @Test
  void theStarterServiceRunsAsAModule() throws Exception {
    Path starter = Path.of("examples/starter");
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(starter.resolve("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.put(starter.resolve("src/main/java").relativize(file).toString(), Files.readString(file));
      }
    }
    String descriptor = Files.readString(FIXTURES.resolve("starter/module-info.java"));
    String shown = descriptor.substring(descriptor.indexOf("\nmodule ") + 1);
    assertThat(Files.readString(Path.of("README.md")).contains(shown)).as("README shows %s", shown).isTrue();
    assertThat(compile(descriptor, sources)).isEmpty();
    Path contract = Files.createDirectories(dir.resolve("classes/openapi")).resolve("hello.yaml");
    Files.copy(starter.resolve("src/main/resources/openapi/hello.yaml"), contract);

    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    JsonObject config = new JsonObject(Files.readString(starter.resolve("conf/config.json")));
    config.getJsonObject("http").put("host", "127.0.0.1").put("port", port);
    config.getJsonObject("redis").put("url", RedisFixture.shared().url());
    config.getJsonObject("tasks").put("prefix", RedisFixture.uniquePrefix());
    Path conf = Files.writeString(dir.resolve("config.json"), config.encode());

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String export : ADD_EXPORTS) {
      command.addAll(List.of("--add-exports", export));
    }
    command.addAll(List.of("--add-opens", ADD_OPENS));
    command.addAll(List.of("--module-path", dir.resolve("classes") + File.pathSeparator + modulePath,
      "-m", "dev.courier/dev.courier.launch.Main", "-conf", conf.toString()));
    Path output = dir.resolve("node.txt");
    Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + port);
      long deadline = System.currentTimeMillis() + 60_000;
      while (!ready(http, base) && node.isAlive() && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      assertThat(ready(http, base)).as("the node is ready: %s", Files.readString(output)).isTrue();

      JsonObject jwt = config.getJsonObject("auth").getJsonObject("jwt");
      String token = TokenMinter.mint(vertx, "HS256", jwt.getString("secret"), new JsonObject().put("sub", "alice")
        .put("iss", jwt.getString("issuer")).put("aud", jwt.getString("audience")), 300);
      HttpResponse<String> queued = http.send(HttpRequest.newBuilder(base.resolve("/v1/greetings"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
      String taskId = new JsonObject(queued.body()).getString("task_id");
      JsonObject status = new JsonObject();
      while (!"succeeded".equals(status.getString("state")) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        status = new JsonObject(http.send(HttpRequest.newBuilder(base.resolve("/v1/tasks/" + taskId))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
      }
      assertThat(status.getString("state")).as(status.encode()).isEqualTo("succeeded");
      assertThat(status.getJsonObject("result").getMap())
        .containsEntry("text", "Hello, Ada!").containsEntry("requested_by", "alice");
    } finally {
      vertx.close().await();
      node.destroy();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
  }

  private static boolean ready(HttpClient http, URI base) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Compiles the module needing only Courier, with the fixtures' classes of com.example.svc named. */
  private List<Diagnostic<? extends JavaFileObject>> compile(String... classes) throws IOException {
    Map<String, String> sources = new TreeMap<>();
    for (String name : classes) {
      String file = "com/example/svc/" + name + ".java";
      sources.put(file, Files.readString(FIXTURES.resolve(file)));
    }
    return compile(Files.readString(FIXTURES.resolve("module-info.java")), sources);
  }

  /** Compiles {@code module} and {@code sources} (path under the source root to text) into dir/classes. */
  private List<Diagnostic<? extends JavaFileObject>> compile(String module, Map<String, String> sources)
    throws IOException {
    Path root = dir.resolve("src");
    List<Path> files = new ArrayList<>(List.of(Files.writeString(
      Files.createDirectories(root).resolve("module-info.java"), module)));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = root.resolve(source.getKey());
      files.add(Files.writeString(Files.createDirectories(file.getParent()).resolve(file.getFileName()),
        source.getValue()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, null)) {
      // an empty class path: javac's default is this JVM's, which holds target/classes as the unnamed module
      List<String> options = List.of("--release", "17", "-proc:none", "-parameters", "--module-path", modulePath,
        "--class-path", Files.createDirectories(dir.resolve("no-classes")).toString(),
        "-d", Files.createDirectories(dir.resolve("classes")).toString());
      javac.getTask(null, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromPaths(files))
        .call();
    }
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
      .collect(Collectors.toList());
  }
}
