package dev.courier.reliability;

import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.launch.CourierNode;
import dev.courier.internal.metrics.MeteredVertx;
import io.vertx.core.Vertx;

import java.nio.file.Path;

/**
 * A node of {@link OutboxTaskService} in a child JVM, for tests that kill it or measure its heap apart from the load:
 * {@code ReliabilityNodeMain <config.json>}; prints {@code READY <http port>} once it serves.
 */
public final class ReliabilityNodeMain {

  private ReliabilityNodeMain() {
  }

  public static void main(String[] args) {
    CourierConfig config = ConfigLoader.load(Path.of(args[0]), System.getenv());
    // as NodeMain makes it: Vert.x reports to the node's Prometheus registry (a plain Vertx.vertx() gets a registry of
    // the node's own, where courier_queue_data_losses_total read 0 after a loss the node had logged)
    Vertx vertx = MeteredVertx.create(config.metrics());
    CourierNode.start(vertx, config, new OutboxTaskService())
      .onSuccess(node -> System.out.println("READY " + node.httpPort()))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(3);
      });
  }
}
