package dev.courier.internal.launch;

import dev.courier.CourierService;
import dev.courier.internal.admin.AdminApi;
import dev.courier.internal.admin.DashboardFiles;
import dev.courier.internal.auth.RolesClaim;
import dev.courier.internal.auth.TokenAuthenticator;
import dev.courier.internal.auth.JwtVerifier;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.config.HttpConfig;
import dev.courier.internal.config.JwtConfig;
import dev.courier.internal.config.TasksConfig;
import dev.courier.internal.http.ApiContract;
import dev.courier.internal.http.ApiVerticle;
import dev.courier.internal.http.HealthVerticle;
import dev.courier.internal.http.FrameworkRoutes;
import dev.courier.internal.http.HttpSettings;
import dev.courier.internal.http.MetricsRoute;
import dev.courier.api.OperationHandler;
import dev.courier.internal.http.ReadinessCheck;
import dev.courier.internal.http.ServedContract;
import dev.courier.internal.metrics.MetricsOperation;
import dev.courier.internal.metrics.NodeMetrics;
import dev.courier.internal.queue.DataLossLog;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.redis.RedisClients;
import dev.courier.internal.redis.RedisHealth;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.task.TaskClient;
import dev.courier.internal.task.RedisTaskClient;
import dev.courier.internal.task.CarriedClaims;
import dev.courier.internal.task.TaskStatusLookup;
import dev.courier.internal.task.TaskRegistry;
import dev.courier.internal.task.TaskStatusOperation;
import dev.courier.internal.trace.Tracing;
import dev.courier.internal.worker.QueueDuties;
import dev.courier.internal.worker.WorkerHealth;
import dev.courier.internal.worker.WorkerResources;
import dev.courier.internal.worker.WorkerRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One running Courier node: the shared Redis client, the service's handlers and tasks, then the verticles its
 * {@code role} asks for (API verticles, worker verticles, or both), and on every node the queue duties (promoting due
 * tasks, recovering expired leases). {@code Main} and the tests start nodes this way.
 */
public final class CourierNode {

  private final Vertx vertx;
  private final Redis redis;
  private final Redis blocking;
  private final List<String> deployments;
  private final WorkerRuntime workers;
  private final TaskClient tasks;
  private final NodeMetrics metrics;
  private final int httpPort;
  private final Tracing tracing;
  private final DataSafety safety;

  private CourierNode(Vertx vertx, Redis redis, Redis blocking, List<String> deployments, WorkerRuntime workers,
                      TaskClient tasks, NodeMetrics metrics, int httpPort, Tracing tracing, DataSafety safety) {
    this.safety = safety;
    this.vertx = vertx;
    this.redis = redis;
    this.blocking = blocking;
    this.deployments = deployments;
    this.workers = workers;
    this.tasks = tasks;
    this.metrics = metrics;
    this.httpPort = httpPort;
    this.tracing = tracing;
  }

  public static Future<CourierNode> start(Vertx vertx, CourierConfig config, CourierService service) {
    return start(vertx, config, service, Clock.systemUTC());
  }

  /** Sets the service up and deploys what {@code config.role()} asks for; {@code clock} drives task times. */
  public static Future<CourierNode> start(Vertx vertx, CourierConfig config, CourierService service, Clock clock) {
    return start(vertx, config, service, clock, null);
  }

  /** As above; {@code parsed} is {@code service.contract()} being served since Main began, or null. */
  static Future<CourierNode> start(Vertx vertx, CourierConfig config, CourierService service, Clock clock,
                                   Future<ServedContract> parsed) {
    TasksConfig tasksConfig = config.tasks();
    DevSecrets.warnIfUsed(config);
    Tracing tracing;
    NodeMetrics metrics;
    try {
      tracing = Tracing.of(config.tracing());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    try {
      metrics = NodeMetrics.of(vertx, config.metrics());
    } catch (IllegalStateException e) {
      tracing.close();
      return Future.failedFuture(e); // metrics on without the Prometheus registry: one line, from Main
    }
    RedisHealth redisHealth = new RedisHealth(); // both pools: a silent Redis is one outage
    Redis redis = RedisClients.create(vertx, config.redis(), RedisClients.SHARED, redisHealth);
    Redis blocking = RedisClients.create(vertx, config.redis(), RedisClients.DEDICATED, redisHealth);
    // Connects the pool while the contract is parsed: the first readiness probe would otherwise wait for the connect
    // (and load the client's classes). A failure is left to the probes to report.
    redis.connect().onSuccess(RedisConnection::close);
    DataSafety safety = DataSafety.of(vertx, config, clock);
    Queues queues = safety.queues(redis);
    EnvelopeSigner signer = new EnvelopeSigner(tasksConfig.signingKeys());
    TaskRegistry registry = new TaskRegistry(tasksConfig.defaultMaxAttempts(),
      Duration.ofSeconds(tasksConfig.defaultTimeoutSeconds()));
    TaskStatusLookup lookup = new TaskStatusLookup(queues, () -> queueNames(tasksConfig, registry), signer);
    RedisTaskClient taskClient = RedisTaskClient.forNode(registry, queues, signer, tasksConfig.maxPayloadBytes(),
      clock, lookup, tracing, metrics.tasks(), tasksConfig.retentionSeconds() * 1000L,
      new CarriedClaims(tasksConfig.carryClaims()));
    NodeSetup setup = new NodeSetup(vertx, redis, config.service(), registry, taskClient);
    try {
      service.setup(setup);
      taskClient.endSetup(); // a call obtained in setup of a task no bean declares stops the node here
    } catch (RuntimeException e) {
      closeClients(redis, blocking, safety).eventually(tracing::close);
      metrics.close();
      return Future.failedFuture(e);
    }
    registry.definitions().forEach(task -> metrics.tasks().declare(task.name(), task.queue()));
    // not waited for: a node may start before Redis answers, and this only warns
    SigningKeyCheck.announce(redis, tasksConfig.prefix(), signer);
    safety.warnIfVolatile(redis);
    WorkerHealth health = new WorkerHealth();
    List<ReadinessCheck> checks = new ArrayList<>();
    // a PING alone may pass on a fresh connection while every call in flight hangs: an outage fails it at once. The
    // PING goes out anyway: on a node with nothing else to send, its reply is what ends the outage
    checks.add(new ReadinessCheck("redis", () -> {
      Future<?> ping = redis.send(Request.cmd(Command.PING));
      return redisHealth.probe().compose(v -> ping);
    }));
    safety.addReadiness(checks);
    if (config.role().runsWorkers()) {
      checks.add(new ReadinessCheck("workers", health::probe));
    }
    List<String> deployments = new ArrayList<>();
    List<String> queueNames = queueNames(tasksConfig, registry);
    WorkerResources resources = new WorkerResources(tasksConfig, queues, blocking, registry, signer, health, clock,
      tracing, metrics.tasks(), safety.switches());
    WorkerRuntime workers = config.role().runsWorkers() ? new WorkerRuntime(vertx, resources, queueNames) : null;
    // The API goes first, then the workers: a node answers HTTP sooner when the two do not compete for the cores
    AdminApi admin = new AdminApi(queues, () -> queueNames(tasksConfig, registry), signer, clock,
      safety::report);
    Future<Integer> http = config.role().runsApi()
      ? deployApi(vertx, config, service, setup, lookup, admin, checks, deployments, parsed, tracing, metrics)
      : deployHealth(vertx, config, checks, deployments, metrics);
    Future<Integer> running = workers == null ? http
      : http.compose(port -> workers.deploy().onSuccess(deployments::add).map(port));
    // every role: with the workers scaled to zero, delayed tasks must still fall due where an autoscaler sees them
    Future<Integer> started = running.compose(port -> vertx.deployVerticle(new QueueDuties(resources, queueNames))
      .onSuccess(deployments::add).map(port));
    return started
      .map(port -> {
        meter(vertx, metrics, config, queues, queueNames, workers);
        metrics.countFrom("courier.redis.timeouts", "Redis calls that got no reply within redis.commandTimeoutMs "
          + "(each dropped its connection)", redisHealth::timeouts);
        safety.start(redis, queues, queueNames, metrics);
        return new CourierNode(vertx, redis, blocking, deployments, workers, taskClient, metrics, port, tracing,
          safety);
      })
      .onFailure(err -> {
        Future<?> stopping = workers == null ? Future.succeededFuture() : workers.stop();
        stopping.onComplete(v -> {
          deployments.forEach(vertx::undeploy);
          closeClients(redis, blocking, safety).eventually(tracing::close);
          metrics.close();
        });
      });
  }

  /** The node-wide meters: the queue gauges, and what the workers count beside their task outcomes. */
  private static void meter(Vertx vertx, NodeMetrics metrics, CourierConfig config, Queues queues,
                            List<String> queueNames, WorkerRuntime workers) {
    metrics.watchQueues(vertx, queues, queueNames, config.metrics().queueRefreshSeconds());
    if (workers != null) {
      metrics.countFrom("courier.tasks.outcomes.lost", "Outcomes this node could not record: another delivery "
        + "owned the task by then (its lease had expired, or Redis lost the queue's data)",
        () -> workers.stats().lostOutcomes());
      metrics.countFrom("courier.tasks.handed.back", "Claimed tasks this node put back unstarted while stopping",
        () -> workers.stats().handedBack());
      metrics.gaugeFrom("courier.worker.tasks.running", "Tasks running on this node now", workers::running);
      metrics.gaugeFrom("courier.worker.claim.inflight.ms", "How long the claim in flight has waited for Redis (0: none); "
        + "past 10 s readiness fails ('claim loop'): no task starts while it waits", workers::claimInFlightMs);
    }
  }

  /** A worker-only node still answers its health probes (and metrics) on http.port; the future holds the port. */
  private static Future<Integer> deployHealth(Vertx vertx, CourierConfig config, List<ReadinessCheck> checks,
                                              List<String> deployments, NodeMetrics metrics) {
    MetricsRoute route = null;
    if (metrics.enabled()) {
      String role = config.metrics().role().orElse(null);
      TokenAuthenticator tokens = role == null ? null : tokens(vertx, config.auth());
      route = new MetricsRoute(metrics.operation(vertx)::handle, metrics.http(), tokens, role);
    }
    HttpConfig http = config.http();
    HealthVerticle health = new HealthVerticle(http.host(), http.port(), checks, route);
    return vertx.deployVerticle(health).onSuccess(deployments::add).map(id -> health.actualPort());
  }

  /** Which optional framework routes the node serves (and how), as its served contract must say. */
  static FrameworkRoutes frameworkRoutes(CourierConfig config) {
    return new FrameworkRoutes(config.metrics().enabled(), config.metrics().role().orElse(null));
  }

  /** Deploys http.instances API verticles; they share one port, which the future holds. */
  private static Future<Integer> deployApi(Vertx vertx, CourierConfig config, CourierService service,
                                           NodeSetup setup, TaskStatusLookup lookup, AdminApi admin,
                                           List<ReadinessCheck> checks, List<String> deployments,
                                           Future<ServedContract> parsed, Tracing tracing, NodeMetrics metrics) {
    TokenAuthenticator tokens = tokens(vertx, config.auth());
    HttpSettings http = httpSettings(config.http(), service.contract());
    TaskStatusOperation status = new TaskStatusOperation(lookup, config.admin().role());
    Map<String, OperationHandler> framework = new HashMap<>(admin.operations());
    framework.putAll(new DashboardFiles(vertx).operations());
    framework.put(TaskStatusOperation.OPERATION_ID, status::handle);
    if (metrics.enabled()) {
      framework.put(MetricsOperation.OPERATION_ID, metrics.operation(vertx)::handle);
    }
    List<ApiVerticle> apis = new ArrayList<>();
    // the contract is parsed (since Main began, when it could) and compiled once per node; its verticles share it
    Future<ServedContract> parse = parsed != null ? parsed
      : ServedContract.load(vertx, http.contract(), frameworkRoutes(config), config.admin().role());
    return ApiContract.from(parse).compose(contract -> vertx.deployVerticle(() -> {
      ApiVerticle verticle = new ApiVerticle(http, contract, setup.operations(), framework, tokens, checks,
        tracing, metrics.http());
      synchronized (apis) {
        apis.add(verticle);
      }
      return verticle;
    }, new DeploymentOptions().setInstances(config.http().instances())))
      .onSuccess(deployments::add)
      .map(id -> {
        synchronized (apis) {
          return apis.get(0).actualPort();
        }
      });
  }

  /** @return the HTTP port actually bound: the API's, or on a worker-only node the health routes'. */
  public int httpPort() {
    return httpPort;
  }

  public Redis redis() {
    return redis;
  }

  /** @return the node's task client (what {@code ServiceSetup.taskClient()} gave the service). */
  public TaskClient tasks() {
    return tasks;
  }

  /**
   * Stops the node in order: the HTTP server stops accepting and finishes the requests in flight (within
   * {@code http.shutdownGraceSeconds}); then the workers stop claiming and let running tasks finish (within
   * {@code tasks.shutdownGraceSeconds}); then the Redis clients close, and the spans still waiting are exported.
   * Every request answered 202 has its task.
   */
  public Future<Void> close() {
    metrics.close(); // first: the queue gauges' timer would read from a Redis client about to close
    safety.stopChecks(); // so would the data-loss checks
    Future<?> http = deployments.isEmpty() ? Future.succeededFuture() : vertx.undeploy(deployments.get(0));
    // Completed through a promise of no context: whoever chains vertx.close() on it must not be called back on an
    // event loop that this very close shuts down.
    Promise<Void> closed = Promise.promise();
    http.transform(v -> workers == null ? Future.succeededFuture() : workers.stop())
      .transform(v -> {
        List<Future<?>> undeploys = new ArrayList<>();
        deployments.stream().skip(1).forEach(id -> undeploys.add(vertx.undeploy(id)));
        return Future.join(undeploys);
      })
      .eventually(() -> closeClients(redis, blocking, safety))
      .eventually(tracing::close)
      .onComplete(ar -> closed.complete());
    return closed.future();
  }

  /** @return what this node found of Redis losing queue data (for tests and operators' tools). */
  public DataLossLog losses() {
    return safety.losses();
  }

  /** @return the node's workers, or {@code null} on a node whose role runs none. */
  public WorkerRuntime workers() {
    return workers;
  }

  private static Future<?> closeClients(Redis redis, Redis blocking, DataSafety safety) {
    return Future.join(redis.close(), blocking.close(), safety.close());
  }

  static List<String> queueNames(TasksConfig config, TaskRegistry registry) {
    TreeSet<String> names = new TreeSet<>(config.queues());
    names.addAll(registry.queues());
    return List.copyOf(names);
  }

  private static TokenAuthenticator tokens(Vertx vertx, JwtConfig jwt) {
    return new TokenAuthenticator(verifier(vertx, jwt), jwt.leewaySeconds(), new RolesClaim(jwt.rolesClaim()));
  }

  private static JWTAuth verifier(Vertx vertx, JwtConfig jwt) {
    String key = jwt.algorithm().usesSecret() ? jwt.secret().orElseThrow() : jwt.publicKeyPem().orElseThrow();
    return JwtVerifier.create(vertx, jwt.algorithm().name(), key, jwt.issuer().orElse(null),
      jwt.audience().orElse(null), jwt.leewaySeconds());
  }

  private static HttpSettings httpSettings(HttpConfig http, String contract) {
    return new HttpSettings(http.host(), http.port(), http.maxBodyBytes(), http.corsAllowedOrigins(),
      http.validateResponses(), contract, http.shutdownGraceSeconds(), http.idleTimeoutSeconds());
  }
}
