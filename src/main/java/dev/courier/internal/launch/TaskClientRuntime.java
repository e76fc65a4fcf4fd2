package dev.courier.internal.launch;

import dev.courier.internal.config.ConfigException;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.config.TasksConfig;
import dev.courier.internal.queue.DataLossLog;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.redis.RedisClients;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.internal.task.RedisTaskClient;
import dev.courier.internal.task.TaskRegistry;
import dev.courier.internal.task.CarriedClaims;
import dev.courier.internal.task.TaskStatusLookup;
import dev.courier.task.TaskClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a client without a node is made of: a pooled Redis client and a task client over it, nothing else. No verticle
 * is deployed and no port is bound; the pool connects on the first fire. It owns Vert.x only when it made it.
 */
public final class TaskClientRuntime {

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Redis redis;
  private final TaskRegistry registry;
  private final TaskClient tasks;

  private TaskClientRuntime(Vertx vertx, boolean ownsVertx, Redis redis, TaskRegistry registry, TaskClient tasks) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.redis = redis;
    this.registry = registry;
    this.tasks = tasks;
  }

  /**
   * @param vertx the Vert.x to run on, or null to make one (closed with the client)
   * @param env   the environment whose {@code COURIER_*} variables override the config, as on a node
   * @throws IllegalArgumentException with the config problem's one line, naming the key
   */
  public static TaskClientRuntime create(Vertx vertx, JsonObject json, Map<String, String> env) {
    Objects.requireNonNull(json, "'config' cannot be null");
    CourierConfig config;
    try {
      config = ConfigLoader.forClient(json, env);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    TasksConfig tasks = config.tasks();
    Vertx running = vertx != null ? vertx : Vertx.vertx();
    Redis redis = RedisClients.create(running, config.redis());
    TaskRegistry registry = new TaskRegistry(tasks.defaultMaxAttempts(),
      Duration.ofSeconds(tasks.defaultTimeoutSeconds()));
    Queues queues = new Queues(redis, tasks.prefix(), DataSafety.replicaAck(config), DataLossLog.silent());
    // the queues a status may be in: the configured ones and those of the tasks this client knows so far
    EnvelopeSigner signer = new EnvelopeSigner(tasks.signingKeys());
    TaskStatusLookup statuses = new TaskStatusLookup(queues, () -> CourierNode.queueNames(tasks, registry), signer);
    TaskClient client = RedisTaskClient.forClient(registry, queues, signer, tasks.maxPayloadBytes(),
      Clock.systemUTC(), statuses, tasks.retentionSeconds() * 1000L, new CarriedClaims(tasks.carryClaims()));
    return new TaskClientRuntime(running, vertx == null, redis, registry, client);
  }

  public TaskClient tasks() {
    return tasks;
  }

  /** Makes the tasks of {@code type} known by name; checked as a node checks a bean's (parameters, names). */
  public void declare(Class<?> type) {
    registry.declare(type);
  }

  /** Closes the Redis client, then Vert.x if this made it. */
  public Future<Void> close() {
    Future<Void> closed = redis.close();
    return ownsVertx ? closed.eventually(vertx::close) : closed;
  }
}
