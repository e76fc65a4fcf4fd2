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

  /**
   * Held for the life of the process, as NodeMain's shutdown hook holds its node: what the node's function meters read
   * is reachable only through it, and a node nothing holds had courier_queue_data_losses_total frozen at 0 after the
   * first GC (Micrometer keeps only weak references to what such meters read).
   */
  private static volatile CourierNode node;

  private ReliabilityNodeMain() {
  }

  public static void main(String[] args) {
    CourierConfig config = ConfigLoader.load(Path.of(args[0]), System.getenv());
    Vertx vertx = MeteredVertx.create(config.metrics()); // as NodeMain makes it
    CourierNode.start(vertx, config, new OutboxTaskService())
      .onSuccess(started -> {
        node = started;
        System.out.println("READY " + started.httpPort());
      })
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(3);
      });
  }
}
