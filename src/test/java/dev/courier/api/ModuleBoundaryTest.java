package dev.courier.api;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line between the API and the internals, as a service module meets it: the library's classes (target/classes,
 * with its module-info) and its runtime dependencies on the module path, and a small service module compiled and run
 * against them. The rest of the suite runs on the class path, where JPMS does not apply (see
 * {@link PublicApiTest#callContextCannotBeBoundByUserCode} for the check that holds there).
 */
@Timeout(120)
class ModuleBoundaryTest {

  private static final Path LIBRARY = Path.of("target/classes");
  private static final Path DEPENDENCIES = Path.of("target/runtime-classpath.txt"); // written by the build

  private static final String MODULE = """
    module com.example.svc {
      requires dev.courier;
    }
    """;

  /** Only the API: what the README shows a service doing. */
  private static final String API_ONLY = """
    package com.example.svc;

    import dev.courier.context.CallContext;
    import dev.courier.task.AsyncTask;
    import dev.courier.task.TaskClient;
    import io.vertx.core.Future;

    public class Greetings {
      @AsyncTask(name = "greet")
      public String greet(String name) {
        return "Hello, " + name + " from " + CallContext.find().map(CallContext::subject).orElse("nobody");
      }

      Future<?> fire(TaskClient tasks) {
        return tasks.call(Greetings::greet).fire("Ada");
      }
    }
    """;

  /** Binds a caller of its own choosing: compiles on the class path, must not against the module. */
  private static final String FORGER = """
    package com.example.svc;

    import dev.courier.internal.context.CallContextSlot;
    import io.vertx.core.Context;

    public class Forger {
      static void forge(Context context, Object call) {
        CallContextSlot.bind(context, call);
      }
    }
    """;

  /** Run on the module path: the module resolves, Vert.x finds the slot, reflection cannot reach the internals. */
  private static final String PROBE = """
    package com.example.svc;

    import dev.courier.context.CallContext;
    import io.vertx.core.Context;
    import io.vertx.core.Promise;
    import io.vertx.core.Vertx;

    public class Probe {
      public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
          Context context = vertx.getOrCreateContext();
          Promise<Boolean> bound = Promise.promise();
          context.runOnContext(v -> bound.complete(CallContext.find().isPresent()));
          System.out.println("bound: " + bound.future().await());
          Class<?> slot = Class.forName("dev.courier.internal.context.CallContextSlot");
          try {
            slot.getMethod("bind", Context.class, Object.class).invoke(null, context, null);
            System.out.println("invoke: allowed");
          } catch (ReflectiveOperationException e) {
            System.out.println("invoke: refused: " + e);
          }
          try {
            slot.getMethod("bind", Context.class, Object.class).setAccessible(true);
            System.out.println("setAccessible: allowed");
          } catch (RuntimeException e) {
            System.out.println("setAccessible: refused: " + e.getClass().getSimpleName());
          }
        } finally {
          vertx.close().await();
        }
      }
    }
    """;

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
    List<Diagnostic<? extends JavaFileObject>> errors = compile(Map.of("Greetings", API_ONLY));
    assertThat(errors).isEmpty();
  }

  @Test
  void aServiceModuleCannotSeeTheInternals() throws IOException {
    List<Diagnostic<? extends JavaFileObject>> errors = compile(Map.of("Greetings", API_ONLY, "Forger", FORGER));
    assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.getSource()).as(error.toString())
      .isNotNull().satisfies(source -> assertThat(source.getName()).endsWith("Forger.java")));
    assertThat(errors.get(0).getMessage(null))
      .contains("package dev.courier.internal.context is not visible")
      .contains("declared in module dev.courier, which does not export it");
  }

  @Test
  void onTheModulePathReflectionCannotReachTheInternalsEither() throws Exception {
    assertThat(compile(Map.of("Greetings", API_ONLY, "Probe", PROBE))).isEmpty();
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

  private List<Diagnostic<? extends JavaFileObject>> compile(Map<String, String> classes) throws IOException {
    Path sources = dir.resolve("src");
    Path pkg = Files.createDirectories(sources.resolve("com/example/svc"));
    List<Path> files = new ArrayList<>(List.of(Files.writeString(sources.resolve("module-info.java"), MODULE)));
    for (Map.Entry<String, String> c : classes.entrySet()) {
      files.add(Files.writeString(pkg.resolve(c.getKey() + ".java"), c.getValue()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, null)) {
      // an empty class path: javac's default is this JVM's, which holds target/classes as the unnamed module
      List<String> options = List.of("--release", "17", "-proc:none", "--module-path", modulePath,
        "--class-path", Files.createDirectories(dir.resolve("no-classes")).toString(),
        "-d", Files.createDirectories(dir.resolve("classes")).toString());
      javac.getTask(null, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromPaths(files))
        .call();
    }
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
      .collect(Collectors.toList());
  }
}
