package dev.courier.launch;

import dev.courier.CourierService;
import dev.courier.auth.BearerAuthHandler;
import dev.courier.auth.JwtVerifier;
import dev.courier.config.CourierConfig;
import dev.courier.config.HttpConfig;
import dev.courier.config.JwtConfig;
import dev.courier.http.ApiVerticle;
import dev.courier.http.HttpSettings;
import dev.courier.http.ReadinessCheck;
import dev.courier.redis.RedisClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * One running Courier node: the shared Redis client, then the verticles its {@code role} asks for. {@code Main} and
 * the tests start nodes the same way.
 */
public final class CourierNode {

  private final Vertx vertx;
  private final Redis redis;
  private final List<ApiVerticle> apis;
  private final List<String> deployments;

  private CourierNode(Vertx vertx, Redis redis, List<ApiVerticle> apis, List<String> deployments) {
    this.vertx = vertx;
    this.redis = redis;
    this.apis = apis;
    this.deployments = deployments;
  }

  /** Sets the service up and deploys what {@code config.role()} asks for; fails if anything cannot start. */
  public static Future<CourierNode> start(Vertx vertx, CourierConfig config, CourierService service) {
    Redis redis = RedisClients.create(vertx, config.redis());
    NodeSetup setup = new NodeSetup(vertx, redis, config.service());
    try {
      service.setup(setup);
    } catch (RuntimeException e) {
      redis.close();
      return Future.failedFuture(e);
    }
    List<ReadinessCheck> checks = List.of(new ReadinessCheck("redis", () -> redis.send(Request.cmd(Command.PING))));
    List<ApiVerticle> apis = new ArrayList<>();
    List<String> deployments = new ArrayList<>();
    Future<?> api = Future.succeededFuture();
    if (config.role().runsApi()) {
      BearerAuthHandler bearer = new BearerAuthHandler(verifier(vertx, config.auth()));
      HttpSettings http = httpSettings(config.http(), service.contract());
      api = vertx.deployVerticle(() -> {
          ApiVerticle verticle = new ApiVerticle(http, setup.operations(), bearer, checks);
          synchronized (apis) {
            apis.add(verticle);
          }
          return verticle;
        }, new DeploymentOptions().setInstances(config.http().instances()))
        .onSuccess(deployments::add);
    }
    return api
      .map(ok -> new CourierNode(vertx, redis, apis, deployments))
      .onFailure(err -> redis.close());
  }

  /** @return the HTTP port actually bound, or -1 on a node without the API role. */
  public int httpPort() {
    synchronized (apis) {
      return apis.isEmpty() ? -1 : apis.get(0).actualPort();
    }
  }

  public Redis redis() {
    return redis;
  }

  /** Undeploys this node's verticles (workers finish in-flight tasks first) and closes its Redis client. */
  public Future<Void> close() {
    List<Future<?>> undeploys = new ArrayList<>();
    deployments.forEach(id -> undeploys.add(vertx.undeploy(id)));
    return Future.join(undeploys).eventually(redis::close).mapEmpty();
  }

  private static JWTAuth verifier(Vertx vertx, JwtConfig jwt) {
    String key = jwt.algorithm().usesSecret() ? jwt.secret().orElseThrow() : jwt.publicKeyPem().orElseThrow();
    return JwtVerifier.create(vertx, jwt.algorithm().name(), key, jwt.issuer().orElse(null),
      jwt.audience().orElse(null), jwt.leewaySeconds());
  }

  private static HttpSettings httpSettings(HttpConfig http, String contract) {
    return new HttpSettings(http.host(), http.port(), http.maxBodyBytes(), http.corsAllowedOrigins(),
      http.validateResponses(), contract);
  }
}
