package dev.courier.internal.launch;

import dev.courier.CourierService;
import dev.courier.internal.config.ConfigException;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.http.ServedContract;
import dev.courier.internal.metrics.MeteredVertx;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.api.ModelMapper;
import dev.courier.log.LogConfigurator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar service-fat.jar [-conf FILE]}: reads and checks the config (default {@code conf/config.json}),
 * finds the service, starts a node with the verticles its role asks for, and stops it cleanly on SIGTERM.
 */
public final class NodeMain {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

  private NodeMain() {
  }

  /** Checks the config and the service as a start would, and exits: 0 if they would do, else 2 with the one line. */
  public static final String CHECK_CONFIG = "--check-config";

  public static void main(String[] args) {
    if (List.of(args).contains(CHECK_CONFIG)) {
      checkConfigAndExit(args);
      return;
    }
    long started = System.nanoTime();
    // Netty 4.2 starts Java Flight Recorder support unless told not to: a few hundred ms of start-up for events
    // nobody records by default. -Dio.netty.jfr.enabled=true still turns it on.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    warmUpJson();
    // The config comes first: it decides how Vert.x is made (with metrics or not), and whether there is a contract
    // to parse at all. Meanwhile a side thread loads the metrics classes, which making Vert.x would load otherwise.
    Thread metrics = new Thread(MeteredVertx::warmUp, "courier-metrics-warm-up");
    metrics.setDaemon(true);
    metrics.start();
    CourierService service = findService();
    CourierConfig config = loadOrExit(args);
    joinQuietly(metrics); // two threads initialising the same classes at once could deadlock each other
    Vertx vertx = vertxOrExit(config);
    Future<ServedContract> contract = earlyContract(vertx, config, service);
    CourierNode.start(vertx, config, service, Clock.systemUTC(), contract).onComplete(node -> {
      LOG.atInfo().addKeyValue("role", config.role().name().toLowerCase())
        .addKeyValue("http_port", node.httpPort())
        .addKeyValue("startup_ms", (System.nanoTime() - started) / 1_000_000)
        .log("courier node started");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, node, config), "courier-shutdown"));
    }, failure -> {
      // One plain line for the person starting the node, as for a bad config; the stack trace only at DEBUG.
      System.err.println("courier: " + StartupFailure.describe(failure, config));
      LOG.debug("courier node failed to start", failure);
      vertx.close();
      System.exit(1);
    });
  }

  /**
   * Parsing the contract is the longest single start-up step: it begins here, on Vert.x threads, while this thread
   * builds the node, and the node's first API verticle takes it over. A worker-only node serves no contract, so it
   * neither parses nor even asks for one.
   *
   * @return the parse under way, or null on a worker-only node
   */
  static Future<ServedContract> earlyContract(Vertx vertx, CourierConfig config, CourierService service) {
    return config.role().runsApi() ? ServedContract.load(vertx, service.contract(), CourierNode.frameworkRoutes(config),
      config.admin().role()) : null;
  }

  /**
   * Loads the JSON mapping classes (several hundred) on a side thread while the main thread reads the config and
   * starts Vert.x: on a small machine, start-up time is mostly class loading, and this halves the wait for it.
   */
  private static void warmUpJson() {
    Thread warm = new Thread(() -> {
      ModelMapper.write(Map.of("warm", List.of(1, true)));
      UlidCreator.getMonotonicUlid(); // seeds its SecureRandom, else the first request pays for it
    }, "courier-warm-up");
    warm.setDaemon(true);
    warm.start();
  }

  /**
   * What a container stack runs before it starts a node under a restart policy: a config error would otherwise be
   * retried forever, since Docker's policies cannot tell exit codes apart.
   */
  private static void checkConfigAndExit(String[] args) {
    findService();
    CourierConfig config = loadOrExit(args);
    // a command-line answer for the person or the stack that asked, not a log line
    System.out.println("courier: config ok (" + confPath(args) + ", role " + config.role().name().toLowerCase()
      + (config.dev() ? ", development node" : "") + ")");
    System.exit(0);
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Vert.x with metrics when they are on (Vert.x decides when it is created), else plain. */
  private static Vertx vertxOrExit(CourierConfig config) {
    try {
      return MeteredVertx.create(config.metrics());
    } catch (IllegalStateException e) {
      System.err.println("courier: " + e.getMessage()); // the Prometheus registry is missing: say which, not a trace
      System.exit(1);
      return null;
    }
  }

  private static CourierConfig loadOrExit(String[] args) {
    try {
      return ConfigLoader.load(confPath(args), System.getenv());
    } catch (ConfigException e) {
      // One plain line on stderr, not a JSON log line: this is what a person reads when the node will not start.
      System.err.println("courier: " + e.getMessage());
      System.exit(2);
      return null;
    }
  }

  public static Path confPath(String[] args) {
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      if ((arg.equals("-conf") || arg.equals("--conf")) && i + 1 < list.size()) {
        return Path.of(list.get(i + 1));
      }
      if (arg.startsWith("--conf=") || arg.startsWith("-conf=")) {
        return Path.of(arg.substring(arg.indexOf('=') + 1));
      }
    }
    return ConfigLoader.DEFAULT_FILE;
  }

  private static CourierService findService() {
    List<CourierService> services = ServiceLoader.load(CourierService.class).stream()
      .map(ServiceLoader.Provider::get).toList();
    if (services.size() != 1) {
      // Like a bad config: one plain line for the person starting the node, before any logging is of use.
      System.err.println("courier: expected exactly one dev.courier.CourierService in META-INF/services, found "
        + services.size());
      System.exit(2);
    }
    return services.get(0);
  }

  // Runs on the JVM's shutdown thread, never an event loop: waiting here is what lets in-flight work finish.
  private static void stop(Vertx vertx, CourierNode node, CourierConfig config) {
    // the HTTP drain comes first, then the workers' grace: wait for both, plus a little for the rest
    long graceSeconds = config.http().shutdownGraceSeconds() + config.tasks().shutdownGraceSeconds() + 5L;
    try {
      node.close().eventually(vertx::close).toCompletionStage().toCompletableFuture()
        .get(graceSeconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("shutdown did not finish cleanly: {}", e.toString());
    }
    // access lines are written by a background thread, which the JVM would not wait for
    LogConfigurator.writeQueuedLines();
  }
}
