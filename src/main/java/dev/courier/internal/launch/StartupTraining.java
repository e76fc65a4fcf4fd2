package dev.courier.internal.launch;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of a class-data archive (AppCDS), for an image build that has no shell:
 * {@code java -XX:ArchiveClassesAtExit=ARCHIVE -cp service-fat.jar dev.courier.internal.launch.StartupTraining CONF}
 * starts a node from {@code CONF} as {@link NodeMain} does, as role {@code api} on a loopback port with Redis at a
 * closed port (an API node starts without Redis; only readiness waits for it), waits until it answers, and exits:
 * the node stops as on SIGTERM and the JVM writes the classes it loaded to the archive. Later starts of the same jar
 * by the same JVM with {@code -XX:SharedArchiveFile=ARCHIVE} map them instead of loading them (docs/perf-startup.md).
 */
public final class StartupTraining {

  private static final int PORT = 18_080;

  private StartupTraining() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject config = new JsonObject(Files.readString(Path.of(args[0])))
      .put("role", "api").put("dev", true)
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", PORT))
      .put("redis", new JsonObject().put("url", "redis://127.0.0.1:1/0"));
    Path conf = Files.createTempFile("courier-training-", ".json");
    Files.writeString(conf, config.encode());
    NodeMain.main(new String[] {"-conf", conf.toString()});
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!answers() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Files.deleteIfExists(conf);
    System.exit(answers() ? 0 : 1);
  }

  private static boolean answers() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + PORT + "/health/live").toURL()
        .openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1_000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
