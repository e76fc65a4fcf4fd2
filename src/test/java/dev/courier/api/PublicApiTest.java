package dev.courier.api;

import dev.courier.internal.auth.RequestCall;
import dev.courier.internal.trace.Spans;
import dev.courier.context.CallContext;
import dev.courier.context.Principal;
import dev.courier.internal.context.CallContextSlot;
import dev.courier.internal.testing.BoundCalls;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guards the line between the public API and the internals: every public type of the library is either one of the
 * listed API types or lives under {@code dev.courier.internal}; README names every API type; the example service
 * uses the API only; and no two packages depend on each other, directly or around a loop.
 */
class PublicApiTest {

  /** The API packages, and what each is for (README's "Public API" section follows this order). */
  static final List<String> API_PACKAGES = List.of(
    "dev.courier",          // a service: its contract and its setup
    "dev.courier.api",      // operations: requests, replies, errors, JSON models
    "dev.courier.context",  // who is calling, in endpoints and tasks alike
    "dev.courier.task",     // tasks: declaring, firing, reading their state
    "dev.courier.launch",   // starting things: a node, a client without a node, tokens for development
    "dev.courier.log",      // Logback plug-ins for JSON log lines
    "dev.courier.testkit"); // the test kit (classifier "testkit"): real Redis, a node of your service

  /** Every public type of the API, by binary name. Adding one is a decision: add it here and to README. */
  static final Set<String> API_TYPES = Set.of(
    "dev.courier.CourierService",
    "dev.courier.ServiceSetup",
    "dev.courier.api.ApiException",
    "dev.courier.api.ApiRequest",
    "dev.courier.api.ModelMapper",
    "dev.courier.api.OperationHandler",
    "dev.courier.api.Reply",
    "dev.courier.context.CallContext",
    "dev.courier.context.Principal",
    "dev.courier.task.AsyncTask",
    "dev.courier.task.NoRetry",
    "dev.courier.task.TaskArgumentException",
    "dev.courier.task.TaskCall",
    "dev.courier.task.TaskCall$Of0",
    "dev.courier.task.TaskCall$Of1",
    "dev.courier.task.TaskCall$Of2",
    "dev.courier.task.TaskCall$Of3",
    "dev.courier.task.TaskCall$Of4",
    "dev.courier.task.TaskCall$Of5",
    "dev.courier.task.TaskCall$Of6",
    "dev.courier.task.TaskClient",
    "dev.courier.task.TaskMethod",
    "dev.courier.task.TaskMethod$A0",
    "dev.courier.task.TaskMethod$A1",
    "dev.courier.task.TaskMethod$A2",
    "dev.courier.task.TaskMethod$A3",
    "dev.courier.task.TaskMethod$A4",
    "dev.courier.task.TaskMethod$A5",
    "dev.courier.task.TaskMethod$A6",
    "dev.courier.task.TaskNotDurableException",
    "dev.courier.task.TaskReceipt",
    "dev.courier.task.TaskState",
    "dev.courier.task.TaskStatus",
    "dev.courier.launch.Courier",
    "dev.courier.launch.CourierClient",
    "dev.courier.launch.HealthProbe",
    "dev.courier.launch.Main",
    "dev.courier.launch.MintToken",
    "dev.courier.log.JsonLineLayout",
    "dev.courier.log.LogConfigurator",
    "dev.courier.log.QueuedLineAppender",
    "dev.courier.testkit.CourierExtension",
    "dev.courier.testkit.RedisFixture");

  private static final Path CLASSES = Path.of("target/classes");
  /** The test kit is compiled with the tests; only its package is published. */
  private static final Path TESTKIT_CLASSES = Path.of("target/test-classes");
  private static final String TESTKIT_DIR = "dev/courier/testkit/";
  private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/testkit/java"));

  @Test
  void everyPublicTypeIsAnApiTypeOrInternal() throws Exception {
    Set<String> publicApi = new TreeSet<>();
    List<String> stray = new ArrayList<>();
    for (String name : classNames()) {
      Class<?> type = Class.forName(name, false, getClass().getClassLoader());
      if (!isPublic(type)) {
        continue;
      }
      if (API_PACKAGES.contains(type.getPackageName())) {
        publicApi.add(name);
      } else if (!type.getPackageName().startsWith("dev.courier.internal.")) {
        stray.add(name);
      }
    }
    assertThat(stray).as("public types outside the API packages and outside dev.courier.internal").isEmpty();
    assertThat(publicApi).as("the public API (update API_TYPES and README when it changes on purpose)")
      .containsExactlyInAnyOrderElementsOf(API_TYPES);
  }

  @Test
  void readmeDocumentsEveryApiType() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    List<String> missing = API_TYPES.stream()
      .map(name -> name.substring(name.lastIndexOf('.') + 1).replace('$', '.'))
      .filter(simple -> !readme.contains("`" + simple + "`"))
      .sorted().toList();
    assertThat(missing).as("API types README does not name in backticks").isEmpty();
  }

  @Test
  void theExampleUsesTheApiOnly() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/example/java"))) {
      List<String> internal = files.filter(f -> f.toString().endsWith(".java"))
        .flatMap(f -> lines(f).stream().filter(l -> l.contains("dev.courier.internal")).map(l -> f + ": " + l))
        .toList();
      assertThat(internal).isEmpty();
    }
  }

  /**
   * On the class path (the fat jar) the internal packages are public to everyone, so the slot checks who binds: this
   * class is user code, outside {@code dev.courier.internal}. Fails when that check is removed.
   */
  @Test
  void callContextCannotBeBoundByUserCode() throws Exception {
    CallContext forged = new CallContext(new Principal("mallory", Set.of("admin"), new JsonObject()), "forged", null,
      0, null);
    Vertx vertx = Vertx.vertx();
    try {
      Context request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
      assertThatThrownBy(() -> CallContextSlot.binder()).isInstanceOf(IllegalCallerException.class)
        .hasMessageContaining(PublicApiTest.class.getName());
      Method binder = CallContextSlot.class.getMethod("binder");
      assertThatThrownBy(() -> binder.invoke(null)).as("through reflection")
        .hasCauseInstanceOf(IllegalCallerException.class);
      assertThat(CallContextSlot.Binder.class.getConstructors()).as("a binder made without asking").isEmpty();
      assertThat(CallContextSlot.class.getFields()).as("public slots: Context.putLocal would bind without asking")
        .isEmpty();
      for (Class<?> open : List.of(RequestCall.class, Spans.class)) {
        for (Method method : open.getMethods()) {
          if (method.getName().startsWith("bind")) {
            assertThat(method.getParameterTypes()).as("%s binds only for a binder's holder", method)
              .contains(CallContextSlot.Binder.class);
          }
        }
      }
      assertThat(onContext(request, CallContext::find)).isEmpty();

      BoundCalls.bind(request, forged); // Courier's own code (a class of dev.courier.internal) may
      assertThat(onContext(request, CallContext::find)).contains(forged);
    } finally {
      vertx.close().await();
    }
    for (Method method : CallContext.class.getMethods()) {
      for (Class<?> parameter : method.getParameterTypes()) {
        assertThat(parameter.getName()).as(method.toString()).doesNotStartWith("io.vertx.core.Context");
      }
    }
  }

  private static <T> T onContext(Context context, Supplier<T> read) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> result.complete(read.get()));
    return result.future().await();
  }

  @Test
  void packagesHaveNoCycles() throws IOException {
    Map<String, Set<String>> uses = packageImports();
    List<String> cycles = new ArrayList<>();
    for (String from : uses.keySet()) {
      for (String to : uses.get(from)) {
        if (reaches(uses, to, from, new HashSet<>())) {
          cycles.add(from + " -> " + to);
        }
      }
    }
    assertThat(cycles).as("package dependencies that are part of a cycle").isEmpty();
  }

  private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (reaches(uses, next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  /** Package to the project packages its sources import (fully qualified uses in code are not seen). */
  private static Map<String, Set<String>> packageImports() throws IOException {
    Map<String, Set<String>> uses = new HashMap<>();
    for (Path sources : SOURCES) {
      packageImports(sources, uses);
    }
    return uses;
  }

  private static void packageImports(Path sources, Map<String, Set<String>> uses) throws IOException {
    Pattern imported = Pattern.compile("^import (?:static )?(dev\\.courier(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = sources.relativize(file.getParent()).toString().replace('/', '.');
        Matcher m = imported.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            uses.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
          }
        }
      }
    }
  }

  private static boolean isPublic(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isSynthetic();
  }

  private static List<String> classNames() throws IOException {
    List<String> names = new ArrayList<>(classNames(CLASSES, ""));
    names.addAll(classNames(TESTKIT_CLASSES, TESTKIT_DIR).stream().filter(n -> !n.endsWith("Test")).toList());
    return names;
  }

  private static List<String> classNames(Path root, String under) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(root::relativize).map(Path::toString)
        .filter(f -> f.startsWith(under) && f.endsWith(".class"))
        .filter(f -> !f.endsWith("module-info.class") && !f.endsWith("package-info.class"))
        .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
        .sorted().toList();
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
