package dev.courier.internal.testing;

import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.launch.CourierNode;
import io.vertx.core.Vertx;

import java.nio.file.Path;

/** A worker node in a child JVM for crash tests: {@code WorkerMain <config.json> <node-name>}; prints READY. */
public final class WorkerMain {

  private WorkerMain() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    CourierNode.start(vertx, ConfigLoader.load(Path.of(args[0]), System.getenv()), new SlowTaskService(args[1]))
      .onSuccess(node -> System.out.println("READY"))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(3);
      });
  }
}
