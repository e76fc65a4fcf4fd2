package dev.courier.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * A container health check that needs no curl (a {@code FROM scratch} image has none):
 * {@code java -cp service-fat.jar dev.courier.launch.HealthProbe [URL]} asks {@code URL}, by default
 * {@code http://127.0.0.1:<port>/health/ready} where the port is {@code COURIER_HTTP_PORT}, else 8080 (a worker-only
 * node answers there too), and exits 0 on a 200, 1 on anything else, printing one line with what it got. It uses the
 * JDK alone and reads no config, so it starts in a fraction of a second.
 */
public final class HealthProbe {

  private static final int TIMEOUT_MS = 2_000;

  private HealthProbe() {
  }

  public static void main(String[] args) {
    System.exit(probe(args, System.getenv(), System.out));
  }

  /** @return the exit status: 0 when the node answered 200, else 1 */
  static int probe(String[] args, Map<String, String> env, PrintStream out) {
    String url = args.length > 0 ? args[0]
      : "http://127.0.0.1:" + env.getOrDefault("COURIER_HTTP_PORT", "8080") + "/health/ready";
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MS);
      connection.setReadTimeout(TIMEOUT_MS);
      int status = connection.getResponseCode();
      out.println(url + ": " + status);
      return status == 200 ? 0 : 1;
    } catch (IOException | IllegalArgumentException e) {
      out.println(url + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 1;
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
