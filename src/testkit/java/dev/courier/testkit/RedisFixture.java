package dev.courier.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, private Redis for tests: a Testcontainers {@code redis:7} when Testcontainers is on the classpath and a
 * Docker engine answers that already holds the {@code redis:7} image (nothing is pulled: an engine may run where no
 * registry is reachable), or when {@code REDIS_FIXTURE=container} asks for one; otherwise, quietly, a
 * {@code redis-server} process (env {@code REDIS_SERVER}, else {@code redis-server} on the PATH, else the static
 * Redis 7.0.15 inside {@code org.signal:embedded-redis} when that is on the classpath) on a free loopback port with
 * persistence off. {@code REDIS_FIXTURE=process} always takes a process. {@link #stop()} and {@link #restart()} break it for real (outage tests) and keep the port.
 * Suites that only need "a Redis" use {@link #shared()} and isolate by {@link #uniquePrefix()}, never by flushing.
 */
public final class RedisFixture implements AutoCloseable {

  private static final long READY_TIMEOUT_MS = 5_000;
  private static RedisFixture shared;

  private final Path dir;
  private final String binary;
  private final int port;
  private final ContainerRedis container; // null in process mode
  private Process process;

  private RedisFixture(Path dir, String binary, int port, ContainerRedis container) {
    this.dir = dir;
    this.binary = binary;
    this.port = port;
    this.container = container;
  }

  /** Starts a new Redis owned by the caller, who must {@link #close()} it. */
  public static RedisFixture start() {
    if (DockerProbe.useContainers()) {
      ContainerRedis c = ContainerRedis.start();
      return new RedisFixture(null, null, c.port(), c);
    }
    return startProcess(findBinary());
  }

  /** Starts {@code binary} as a private redis-server on a free loopback port. */
  public static RedisFixture startProcess(String binary) {
    try {
      RedisFixture f = new RedisFixture(Files.createTempDirectory("courier-redis-"), binary, freePort(), null);
      f.spawn();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One Redis for the whole JVM, started on first use and stopped by a shutdown hook. */
  public static synchronized RedisFixture shared() {
    if (shared == null) {
      RedisFixture f = start();
      Runtime.getRuntime().addShutdownHook(new Thread(f::close, "redis-fixture-shutdown"));
      shared = f;
    }
    return shared;
  }

  /** A fresh key prefix, so tests sharing one Redis never see each other's keys. */
  public static String uniquePrefix() {
    return "courier-test-" + UUID.randomUUID();
  }

  public String host() {
    return container != null ? container.host() : "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://" + host() + ":" + port;
  }

  /** Takes Redis down: kills the process and waits until the port refuses connections (container: pause). */
  public synchronized void stop() {
    if (container != null) {
      container.pause();
      return;
    }
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
      while (ping() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Brings Redis back on the same port (empty: persistence is off). Stops it first if it is running. */
  public synchronized void restart() {
    if (container != null) {
      container.unpause();
      return;
    }
    stop();
    spawn();
  }

  /**
   * Freezes Redis without closing anything (SIGSTOP; a container is paused): connections stay open and commands wait,
   * as in a long GC pause or a stalled VM. {@link #thaw()} lets it go on where it stopped.
   */
  public synchronized void freeze() {
    if (container != null) {
      container.pause();
      return;
    }
    signal("STOP");
  }

  /** Lets a frozen Redis go on (SIGCONT; a container is unpaused). */
  public synchronized void thaw() {
    if (container != null) {
      container.unpause();
      return;
    }
    signal("CONT");
  }

  private void signal(String name) {
    if (process == null) {
      throw new IllegalStateException("redis-server is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling redis-server", e);
    }
  }

  @Override
  public synchronized void close() {
    if (container != null) {
      container.close();
      return;
    }
    stop();
    deleteDir();
  }

  private void spawn() {
    List<String> cmd = List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no");
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile())).start();
      long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
      while (!ping()) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
              + READY_TIMEOUT_MS + " ms; output:\n" + Files.readString(dir.resolve("redis.out")));
        }
        Thread.sleep(20);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting redis-server", e);
    }
  }

  /** True if something on our port answers {@code +PONG} to a plain RESP PING. */
  public boolean ping() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host(), port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[5];
      int n = in.readNBytes(buf, 0, 5);
      return n == 5 && "+PONG".equals(new String(buf, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  private static String findBinary() {
    String env = System.getenv("REDIS_SERVER");
    if (env != null && !env.isBlank()) {
      if (!Files.isExecutable(Paths.get(env))) {
        throw new IllegalStateException("REDIS_SERVER=" + env + " is not an executable file");
      }
      return env;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path candidate = Paths.get(d, "redis-server");
      if (!d.isEmpty() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String bundled = bundledBinary();
    if (bundled != null) {
      return bundled;
    }
    throw new IllegalStateException("No Docker engine and no redis-server found: set REDIS_SERVER to the binary, "
        + "put redis-server on the PATH, install it (apt-get install -y redis-server), or add the test dependency "
        + "org.signal:embedded-redis:0.9.1 whose static binary serves as a last resort");
  }

  /**
   * Last resort on a machine with only a JDK and Maven: the static Redis 7.0.15 build shipped inside the
   * org.signal:embedded-redis test dependency, copied out once per JVM.
   */
  public static synchronized String bundledBinary() {
    String os = System.getProperty("os.name").toLowerCase().contains("mac") ? "darwin" : "linux";
    String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "amd64";
    String resource = "/redis-server-7.0.15-" + os + "-" + arch;
    try (var in = RedisFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Path binary = Files.createTempFile("courier-redis-server-", "");
      Files.copy(in, binary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      binary.toFile().setExecutable(true);
      binary.toFile().deleteOnExit();
      return binary.toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void deleteDir() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover temp dir is harmless
    }
  }
}
