package dev.courier.reliability;

import dev.courier.testkit.RedisFixture;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process of a fault test, with its own directory and the extra arguments the test asks for (AOF,
 * cluster mode...). Unlike {@link RedisFixture} it can be killed with SIGKILL and started again on the same port and
 * directory, so what it persisted is what comes back.
 */
public final class RedisProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private RedisProcess(Path dir, int port, List<String> extraArgs) {
    this.dir = dir;
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts redis-server on a free port in {@code dir} with {@code extraArgs} after the defaults. */
  public static RedisProcess start(Path dir, String... extraArgs) {
    return start(dir, freePort(), extraArgs);
  }

  public static RedisProcess start(Path dir, int port, String... extraArgs) {
    RedisProcess redis = new RedisProcess(dir, port, List.of(extraArgs));
    redis.spawn();
    return redis;
  }

  /** A port whose cluster bus port (port + 10000) is free too. */
  public static int freePort() {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        int port = s.getLocalPort();
        if (port + 10000 < 65536) {
          try (ServerSocket bus = new ServerSocket(port + 10000)) {
            return port;
          } catch (IOException busy) {
            // try another
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port with a free cluster bus port");
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown, no last write; waits until the process is gone. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGSTOP / SIGCONT. */
  public void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  /** Starts it again on the same port and directory (after {@link #kill9()}). */
  public void restart() {
    spawn();
  }

  /** Runs redis-cli against this server and returns its output (one reply per line with {@code --no-raw} off). */
  public String cli(String... args) {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  /** A field of {@code INFO}, e.g. {@code used_memory}. */
  public long info(String field) {
    for (String line : cli("INFO").split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim());
      }
    }
    throw new IllegalStateException("no " + field + " in INFO");
  }

  static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd + " timed out");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** True where redis-cli is installed (the cluster tests need it). */
  public static boolean cliAvailable() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "redis-cli"))) {
        return true;
      }
    }
    return false;
  }

  private void spawn() {
    List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
      "--protected-mode", "no", "--save", "", "--dir", dir.toString()));
    cmd.addAll(extraArgs);
    try {
      Files.createDirectories(dir);
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
      long deadline = System.currentTimeMillis() + 15_000;
      while (!cli("PING").contains("PONG")) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("redis-server on " + port + " did not start: "
            + Files.readString(dir.resolve("redis.log")));
        }
        Thread.sleep(20);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String binary() {
    String env = System.getenv("REDIS_SERVER");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "redis-server"))) {
        return Path.of(d, "redis-server").toString();
      }
    }
    String bundled = RedisFixture.bundledBinary();
    if (bundled == null) {
      throw new IllegalStateException("no redis-server: install it or set REDIS_SERVER");
    }
    return bundled;
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
