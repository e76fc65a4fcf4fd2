package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigKeys.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds the typed records from values that have passed every per-key and cross-key rule. */
final class ConfigAssembler {

  /** {@code redis.commandTimeoutMs} when unset and the lease is long enough (30 s by default: a sixth of it). */
  static final int COMMAND_TIMEOUT_MS = 5000;

  private ConfigAssembler() {
  }

  static CourierConfig assemble(ConfigValues v) {
    return new CourierConfig(v.choice(ROLE, NodeRole.class), v.bool(DEV), http(v), redis(v), jwt(v), tasks(v),
      tracing(v), metrics(v), new AdminConfig(v.text(ADMIN_ROLE)), v.object(SERVICE));
  }

  private static HttpConfig http(ConfigValues v) {
    return new HttpConfig(v.text(HTTP_HOST), v.integer(HTTP_PORT), v.longInteger(HTTP_MAX_BODY_BYTES),
      v.list(HTTP_CORS_ALLOWED_ORIGINS), v.bool(HTTP_VALIDATE_RESPONSES), v.integer(HTTP_INSTANCES),
      v.integer(HTTP_SHUTDOWN_GRACE_SECONDS), v.integer(HTTP_IDLE_TIMEOUT_SECONDS));
  }

  private static RedisConfig redis(ConfigValues v) {
    String url = v.text(REDIS_URL);
    List<String> endpoints = v.list(REDIS_ENDPOINTS).isEmpty() ? List.of(url) : v.list(REDIS_ENDPOINTS);
    return new RedisConfig(url, v.choice(REDIS_TYPE, RedisType.class), endpoints, v.text(REDIS_MASTER_NAME),
      v.integer(REDIS_MAX_POOL_SIZE), v.integer(REDIS_MAX_POOL_WAITING), v.integer(REDIS_ACK_REPLICAS),
      v.integer(REDIS_ACK_TIMEOUT_MS), v.integer(REDIS_LOSS_REPORT_SECONDS), v.bool(REDIS_LOSS_FAILS_READINESS),
      commandTimeoutMs(v));
  }

  /** Unset, a third of a short lease: a renewal that waits out one silent connection still beats the lease. */
  private static int commandTimeoutMs(ConfigValues v) {
    return v.has(REDIS_COMMAND_TIMEOUT_MS) ? v.integer(REDIS_COMMAND_TIMEOUT_MS)
      : Math.min(COMMAND_TIMEOUT_MS, v.integer(TASKS_LEASE_SECONDS) * 1000 / 3);
  }

  private static JwtConfig jwt(ConfigValues v) {
    JwtAlgorithm algorithm = v.choice(JWT_ALGORITHM, JwtAlgorithm.class);
    Optional<Path> keyFile = Optional.ofNullable(v.text(JWT_PUBLIC_KEY_FILE)).map(Path::of);
    // The key file is only read when it is used: a stale path left beside an HS256 secret must not stop the node.
    Optional<String> pem = algorithm.usesSecret() ? Optional.empty()
      : keyFile.map(file -> PublicKeyFile.read(file, algorithm, v.envSource(JWT_PUBLIC_KEY_FILE)));
    return new JwtConfig(algorithm, Optional.ofNullable(v.text(JWT_SECRET)), keyFile, pem,
      Optional.ofNullable(v.text(JWT_ISSUER)), Optional.ofNullable(v.text(JWT_AUDIENCE)),
      v.integer(JWT_LEEWAY_SECONDS), v.list(JWT_ROLES_CLAIM));
  }

  private static MetricsConfig metrics(ConfigValues v) {
    return new MetricsConfig(v.bool(METRICS_ENABLED), Optional.ofNullable(v.text(METRICS_ROLE)),
      v.integer(METRICS_QUEUE_REFRESH_SECONDS));
  }

  private static TasksConfig tasks(ConfigValues v) {
    // tasks.signingKey is the one-key form of tasks.signingKeys; the cross-key rules let exactly one through
    List<String> signingKeys = v.has(TASKS_SIGNING_KEYS) ? v.list(TASKS_SIGNING_KEYS)
      : List.of(v.text(TASKS_SIGNING_KEY));
    return new TasksConfig(signingKeys, v.integer(TASKS_WORKERS), v.integer(TASKS_CONCURRENCY),
      v.list(TASKS_QUEUES), v.text(TASKS_PREFIX), v.integer(TASKS_SHUTDOWN_GRACE_SECONDS),
      v.longInteger(TASKS_RETENTION_SECONDS), v.integer(TASKS_MAX_PAYLOAD_BYTES), v.integer(TASKS_LEASE_SECONDS),
      v.integer(TASKS_DEFAULT_MAX_ATTEMPTS), v.integer(TASKS_DEFAULT_TIMEOUT_SECONDS),
      v.longInteger(TASKS_BACKOFF_BASE_MILLIS), v.longInteger(TASKS_BACKOFF_MAX_MILLIS), v.weights(TASKS_QUEUE_WEIGHTS),
      v.integer(TASKS_MAX_RESULT_BYTES), v.bool(TASKS_LOG_OUTCOMES), v.integer(TASKS_UNKNOWN_TASK_GRACE_SECONDS),
      v.list(TASKS_CARRY_CLAIMS));
  }

  private static TracingConfig tracing(ConfigValues v) {
    return new TracingConfig(Optional.ofNullable(v.text(TRACING_OTLP_ENDPOINT)), v.text(TRACING_SERVICE_NAME));
  }
}
