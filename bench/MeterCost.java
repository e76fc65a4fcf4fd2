import dev.courier.internal.config.MetricsConfig;
import dev.courier.internal.metrics.HttpMeters;
import dev.courier.internal.metrics.NodeMetrics;
import dev.courier.internal.metrics.TaskMeters;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * What Courier's meters cost per call, on one thread of a warm JVM: what a request adds on its event loop (one HTTP
 * timer record, one fire counter) and what an attempt adds on the worker's (started, run time, succeeded). Run by
 * bench/meter-cost.sh. The registry is the node's own Prometheus one, as in production.
 */
public final class MeterCost {

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int n = 2_000_000;
    Vertx vertx = Vertx.vertx();
    NodeMetrics metrics = NodeMetrics.of(vertx, new MetricsConfig(true, Optional.empty(), 5));
    HttpMeters http = metrics.http();
    TaskMeters tasks = metrics.tasks();
    for (int round = 0; round <= rounds; round++) { // round 0 warms up the JIT
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        http.record("sendEmail", 202, 150_000 + (i & 0xFFFF) * 31L);
        tasks.fired("sendEmail", "default", 1);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        tasks.started("sendEmail", "default", i & 0xFF, false);
        tasks.ran("sendEmail", "default", 200_000 + (i & 0xFFFF) * 17L);
        tasks.succeeded("sendEmail", "default");
      }
      long t2 = System.nanoTime();
      if (round > 0) {
        System.out.printf("round %d: per request %.1f ns (HTTP timer + fire counter), per attempt %.1f ns "
          + "(started + run time + succeeded)%n", round, (t1 - t0) / (double) n, (t2 - t1) / (double) n);
      }
    }
    metrics.close();
    vertx.close();
  }
}
