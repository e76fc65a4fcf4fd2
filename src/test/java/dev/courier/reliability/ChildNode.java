package dev.courier.reliability;

import dev.courier.internal.testing.ChildJvm;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.courier.internal.testing.Eventually.until;

/** An {@link OutboxTaskService} node in a child JVM ({@link ReliabilityNodeMain}): killable, and measurable alone. */
public final class ChildNode implements AutoCloseable {

  private static final Pattern READY = Pattern.compile("READY (\\d+)");
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  public final ChildJvm jvm;
  public final int port;

  private ChildNode(ChildJvm jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  /** Starts a node with {@link TestNode#config} plus {@code overrides}; waits (60 s at most) until it serves. */
  public static ChildNode start(Path dir, String name, String redisUrl, String prefix, JsonObject overrides,
                                List<String> jvmOptions, Map<String, String> env) throws IOException {
    JsonObject config = TestNode.config(redisUrl, prefix, overrides);
    Path file = Files.writeString(dir.resolve(name + ".json"), config.encodePrettily());
    ChildJvm jvm = ChildJvm.start(dir, jvmOptions, ChildJvm.testClasspath(), ReliabilityNodeMain.class.getName(),
      env, file.toString());
    try {
      String out = until(Duration.ofSeconds(60), jvm::stdout, text -> READY.matcher(text).find()
        || !jvm.process.isAlive());
      Matcher m = READY.matcher(out);
      if (!m.find()) {
        throw new IllegalStateException("node " + name + " did not start: " + out + jvm.stderr());
      }
      return new ChildNode(jvm, Integer.parseInt(m.group(1)));
    } catch (RuntimeException | Error e) {
      jvm.kill();
      throw e;
    }
  }

  public long pid() {
    return jvm.process.pid();
  }

  /** SIGKILL, and waits until it is gone. */
  public void kill9() throws InterruptedException {
    jvm.process.destroyForcibly().waitFor();
  }

  /** Heap in use right after a full GC, in MB (through jcmd). */
  public long heapAfterGcMb() {
    jcmd("GC.run");
    Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
  }

  /** Resident set size, in MB (from /proc). */
  public long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private String jcmd(String command) {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    return RedisProcess.run(List.of(jcmd, Long.toString(pid()), command));
  }

  @Override
  public void close() {
    if (jvm.process.isAlive()) {
      jvm.process.destroy();
      try {
        if (!jvm.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          jvm.kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        jvm.kill();
      }
    }
  }
}
