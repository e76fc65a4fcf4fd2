package dev.courier.reliability;

import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.launch.CourierNode;
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
    Vertx vertx = Vertx.vertx();
    CourierNode.start(vertx, ConfigLoader.load(Path.of(args[0]), System.getenv()), new OutboxTaskService())
      .onSuccess(node -> System.out.println("READY " + node.httpPort()))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(3);
      });
  }
}
