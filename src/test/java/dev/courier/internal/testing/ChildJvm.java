package dev.courier.internal.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A child JVM running a main class on the test classpath (or one given), from the project directory, with an
 * environment free of {@code COURIER_*} and JVM option variables (which would print their own stderr lines).
 * Output goes to files, so a chatty child never blocks on a full pipe.
 */
public final class ChildJvm {

  public final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildJvm(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static ChildJvm start(Path workDir, Class<?> mainClass, Map<String, String> env, String... args) {
    return start(workDir, testClasspath(), mainClass.getName(), env, args);
  }

  /** The test JVM's own classpath (surefire hides it behind a manifest-only jar in java.class.path). */
  public static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** A child on {@code classpath} alone, e.g. the library without any test class. */
  public static ChildJvm start(Path workDir, String classpath, String mainClass, Map<String, String> env,
                               String... args) {
    return start(workDir, List.of(), classpath, mainClass, env, args);
  }

  /** As above, with options for the child's JVM (e.g. {@code -Xmx256m}) before the main class. */
  public static ChildJvm start(Path workDir, List<String> jvmOptions, String classpath, String mainClass,
                               Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workDir, "stdout-", ".txt");
      Path err = Files.createTempFile(workDir, "stderr-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("COURIER_") || name.equals("JAVA_TOOL_OPTIONS")
        || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
      builder.environment().putAll(env);
      return new ChildJvm(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String stdout() {
    return read(stdout);
  }

  public String stderr() {
    return read(stderr);
  }

  /** Kills the child if it is still running (cleanup after a failed assertion). */
  public void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
