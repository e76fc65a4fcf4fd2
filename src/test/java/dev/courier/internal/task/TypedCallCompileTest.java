package dev.courier.internal.task;

import dev.courier.internal.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A typed call is checked by the compiler: snippets are compiled here, against the test classpath, and a wrong
 * argument type or count must not compile while the right one does.
 */
class TypedCallCompileTest {

  @TempDir
  Path dir;

  /** Compiles one class whose method body is {@code body}, with {@code tasks} a TaskClient; returns the errors. */
  private List<Diagnostic<? extends JavaFileObject>> compile(String body) throws IOException {
    Path source = Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("Snippet.java"), """
      import dev.courier.internal.task.TypedTasks;
      import dev.courier.task.TaskClient;
      import java.util.List;

      class Snippet {
        void fire(TaskClient tasks) {
          %s
        }
      }
      """.formatted(body));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("-classpath", ChildJvm.testClasspath(), "-d",
        Files.createDirectories(dir.resolve("out")).toString(), "-proc:none");
      javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source)).call();
    }
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
  }

  private static String messages(List<Diagnostic<? extends JavaFileObject>> errors) {
    return String.join("\n", errors.stream().map(d -> d.getMessage(Locale.ROOT)).toList());
  }

  @Test
  void the_right_argument_types_compile() throws IOException {
    assertThat(messages(compile("""
      tasks.call(TypedTasks::count).fire(3);
      tasks.call(TypedTasks::mail).delay(java.time.Duration.ofSeconds(1)).fire("to", "subject", List.of("t"));
      tasks.call(TypedTasks::none).fire();
      """))).isEmpty();
  }

  @Test
  void a_string_where_the_task_takes_an_int_does_not_compile() throws IOException {
    List<Diagnostic<? extends JavaFileObject>> errors = compile("tasks.call(TypedTasks::count).fire(\"3\");");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getCode()).as(messages(errors)).isEqualTo("compiler.err.prob.found.req");
    assertThat(messages(errors)).contains("incompatible types").contains("String cannot be converted to")
      .contains("Integer");
  }

  @Test
  void a_wrong_argument_count_or_element_type_does_not_compile() throws IOException {
    assertThat(messages(compile("tasks.call(TypedTasks::mail).fire(\"to\", \"subject\");")))
      .contains("actual and formal argument lists differ in length");
    assertThat(messages(compile("tasks.call(TypedTasks::mail).fire(\"to\", \"subject\", List.of(1));")))
      .contains("incompatible types");
    assertThat(messages(compile("tasks.call(TypedTasks::count).fire(3, 4);")))
      .contains("actual and formal argument lists differ in length");
  }
}
