package dev.courier.image;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the docker and docker-compose commands (and scripts that use them) against one engine, from the project
 * directory, with their output in a file: a command that fails or runs too long fails the test with that output.
 */
final class Docker {

  private final String host;
  private final Path work;
  private final Map<String, String> env;

  Docker(String host, Path work, Map<String, String> env) {
    this.host = host;
    this.work = work;
    this.env = Map.copyOf(env);
  }

  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  void run(Duration limit, String... command) {
    run(limit, List.of(command));
  }

  void run(Duration limit, List<String> command) {
    output(limit, command, true);
  }

  /** @return the command's stdout lines, without blank ones */
  List<String> lines(Duration limit, String... command) {
    return lines(limit, List.of(command));
  }

  List<String> lines(Duration limit, List<String> command) {
    return output(limit, command, false).lines().filter(l -> !l.isBlank()).toList();
  }

  /** Best effort, for a failed test: the stack's logs in {@code file}. */
  void saveLogs(List<String> command, Path file) {
    try {
      Files.writeString(file, output(Duration.ofMinutes(1), command, true));
    } catch (RuntimeException | IOException ignored) {
      // the failure being reported matters more than its logs
    }
  }

  private String output(Duration limit, List<String> command, boolean withStderr) {
    try {
      Path out = Files.createTempFile(work, "docker-", ".out");
      Path err = withStderr ? out : Files.createTempFile(work, "docker-", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
        .redirectOutput(out.toFile());
      if (withStderr) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(err.toFile());
      }
      // the nodes in containers get their settings from the compose file, never from this JVM's environment
      builder.environment().keySet().removeIf(name -> name.startsWith("COURIER_"));
      builder.environment().put("DOCKER_HOST", host);
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + ": still running after " + limit + "\n"
          + Files.readString(out));
      }
      String text = Files.readString(out);
      if (process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + ": exit " + process.exitValue() + "\n" + text
          + (withStderr ? "" : Files.readString(err)));
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
