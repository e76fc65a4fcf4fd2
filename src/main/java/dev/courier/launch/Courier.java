package dev.courier.launch;

import dev.courier.internal.launch.TaskClientRuntime;
import dev.courier.task.TaskClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Entry points that need no node. {@link #client(JsonObject)} reads the same config format as a node
 * ({@code redis.*}, {@code tasks.*} such as {@code signingKey}, {@code prefix}, {@code maxPayloadBytes}), with the
 * same {@code COURIER_*} environment overrides and the same refusal of unknown keys; {@code http.*} and
 * {@code auth.*} may be there (a node's config file does) but are neither needed nor used.
 */
public final class Courier {

  private Courier() {
  }

  /**
   * A client on a Vert.x of its own, closed by {@link CourierClient#close()}.
   *
   * @throws IllegalArgumentException if the config is invalid, in one line naming the key
   */
  public static CourierClient client(JsonObject config) {
    return new Client(TaskClientRuntime.create(null, config, System.getenv()));
  }

  /**
   * A client on {@code vertx}, which stays open when the client closes.
   *
   * @throws IllegalArgumentException if the config is invalid, in one line naming the key
   */
  public static CourierClient client(Vertx vertx, JsonObject config) {
    return new Client(TaskClientRuntime.create(Objects.requireNonNull(vertx, "'vertx' cannot be null"), config,
      System.getenv()));
  }

  /** The public face of the runtime: internals never see this package, so the interface is implemented here. */
  private static final class Client implements CourierClient {

    private final TaskClientRuntime runtime;

    private Client(TaskClientRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public TaskClient tasks() {
      return runtime.tasks();
    }

    @Override
    public CourierClient declare(Class<?>... taskClasses) {
      for (Class<?> type : Objects.requireNonNull(taskClasses, "'taskClasses' cannot be null")) {
        runtime.declare(type);
      }
      return this;
    }

    @Override
    public Future<Void> close() {
      return runtime.close();
    }
  }
}
