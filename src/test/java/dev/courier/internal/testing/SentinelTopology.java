package dev.courier.internal.testing;

import dev.courier.testkit.RedisFixture;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Sentinel-watched Redis for a test: a master, one replica and three sentinels (quorum 2), each its own
 * {@code redis-server} process on a free loopback port, in a temp folder, stopped by its process handle. Made to be
 * reused by failover and reliability tests: start it, point a node at {@link #sentinelUrls()} with master
 * {@link #MASTER_NAME}, then {@link #failover()}, {@link #stop(int)} or {@link #masterPort()}.
 */
public final class SentinelTopology implements AutoCloseable {

  public static final String MASTER_NAME = "mymaster";
  private static final long READY_MS = 20_000;

  private final Path dir;
  private final String binary;
  private final List<Node> nodes = new ArrayList<>();
  private final int firstMaster;
  private final int firstReplica;
  private final List<Integer> sentinels = new ArrayList<>();

  private SentinelTopology(Path dir, String binary) throws IOException {
    this.dir = dir;
    this.binary = binary;
    this.firstMaster = freePort();
    this.firstReplica = freePort();
    for (int i = 0; i < 3; i++) {
      sentinels.add(freePort());
    }
  }

  /** Starts the master, its replica (linked) and three sentinels that see both and each other. */
  public static SentinelTopology start() {
    try {
      SentinelTopology t = new SentinelTopology(Files.createTempDirectory("courier-sentinel"), findBinary());
      t.boot();
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void boot() throws IOException {
    startServer(firstMaster);
    startServer(firstReplica, "--replicaof", "127.0.0.1", Integer.toString(firstMaster));
    // the master counts the replica for WAIT only once it is online there (after its first ack)
    waitFor("replica linked", () -> Resp.text(firstReplica, "INFO", "replication")
      .contains("master_link_status:up") && Resp.text(firstMaster, "INFO", "replication").contains("state=online"));
    for (int port : sentinels) {
      Path conf = dir.resolve("sentinel-" + port + ".conf");
      Files.writeString(conf, String.join("\n",
        "port " + port, "bind 127.0.0.1", "protected-mode no", "dir " + dir.toAbsolutePath(),
        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + firstMaster + " 2",
        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
        "sentinel failover-timeout " + MASTER_NAME + " 5000",
        "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
      spawn(port, List.of(binary, conf.toString(), "--sentinel"));
    }
    for (int port : sentinels) {
      waitFor("sentinel " + port + " sees the replica and the other sentinels", () ->
        ((List<?>) Resp.call(port, "SENTINEL", "REPLICAS", MASTER_NAME)).size() == 1
          && ((List<?>) Resp.call(port, "SENTINEL", "SENTINELS", MASTER_NAME)).size() == 2);
    }
  }

  /** @return the sentinels' URLs, for {@code redis.endpoints}. */
  public List<String> sentinelUrls() {
    return sentinels.stream().map(p -> "redis://127.0.0.1:" + p).toList();
  }

  public List<Integer> sentinelPorts() {
    return List.copyOf(sentinels);
  }

  /** @return the port of the master the sentinels name now. */
  public int masterPort() {
    List<?> addr = (List<?>) Resp.call(sentinels.get(0), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
    return Integer.parseInt(addr.get(1).toString());
  }

  /** @return the port of the other data node (the replica while nothing failed over). */
  public int replicaPort() {
    return masterPort() == firstMaster ? firstReplica : firstMaster;
  }

  /**
   * {@code SENTINEL FAILOVER}: promotes the replica while the master is still up (so the old master keeps taking
   * writes until Sentinel demotes it). Returns the epoch ms at which a sentinel first named the new master.
   */
  public long failover() {
    int old = masterPort();
    Resp.call(sentinels.get(0), "SENTINEL", "FAILOVER", MASTER_NAME);
    long deadline = System.currentTimeMillis() + READY_MS;
    while (System.currentTimeMillis() < deadline) {
      for (int s : sentinels) {
        List<?> addr = (List<?>) Resp.call(s, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
        if (Integer.parseInt(addr.get(1).toString()) != old) {
          return System.currentTimeMillis();
        }
      }
      pause(10);
    }
    throw new AssertionError("no sentinel named a new master within " + READY_MS + " ms");
  }

  /** Waits until the old master has become a linked replica of the new one (Sentinel does it within ~10 s). */
  public void awaitReplicaLinked() {
    waitFor("old master rejoined as a replica", () -> {
      String info = Resp.text(replicaPort(), "INFO", "replication");
      return info.contains("role:slave") && info.contains("master_link_status:up");
    });
  }

  /** Stops the data node or sentinel on {@code port} (SIGKILL: it keeps nothing it did not persist). */
  public void stop(int port) {
    for (Node n : nodes) {
      if (n.port == port) {
        n.process.destroyForcibly();
        try {
          n.process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void close() {
    nodes.forEach(n -> n.process.destroyForcibly());
    for (Node n : nodes) {
      try {
        n.process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }

  private void startServer(int port, String... extra) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data-" + port));
    List<String> cmd = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
      "--protected-mode", "no", "--save", "", "--appendonly", "no", "--repl-diskless-sync-delay", "0",
      "--dir", data.toString()));
    cmd.addAll(List.of(extra));
    spawn(port, cmd);
  }

  private void spawn(int port, List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out-" + port + ".log").toFile())).start();
    nodes.add(new Node(port, p));
    waitFor("port " + port + " answers PING", () -> Resp.ping(port));
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + READY_MS;
    while (true) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not up yet
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("sentinel topology: " + what + " not within " + READY_MS + " ms");
      }
      pause(20);
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String findBinary() {
    String env = System.getenv("REDIS_SERVER");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Paths.get(d, "redis-server");
      if (!d.isEmpty() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String bundled = RedisFixture.bundledBinary();
    if (bundled == null) {
      throw new IllegalStateException("no redis-server: set REDIS_SERVER or install redis-server");
    }
    return bundled;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private record Node(int port, Process process) {
  }
}
