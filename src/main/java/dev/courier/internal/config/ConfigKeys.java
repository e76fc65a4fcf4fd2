package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigKey.key;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** The one table of every config key Courier reads. Add a key here and in {@link #ALL}; nothing else lists keys. */
final class ConfigKeys {

  private static final String NAME = "name of letters, digits, _ . : - (no braces)";
  // 32 characters: an HMAC-SHA256 key should carry at least as many bits as the hash (RFC 7518 section 3.2).
  private static final ValueType SECRET =
    ValueType.text("string, 32+ characters", s -> s.length() >= 32, "must be at least 32 characters");
  private static final String NAME_PROBLEM = "must be a name of letters, digits, '_', '.', ':' or '-'";

  static final ConfigKey DEV = key("dev", ValueType.bool())
    .byDefault(false).means("A development node: the DEV-ONLY secrets of the sample configs draw no start-up "
      + "warning");

  static final ConfigKey ROLE = key("role", ValueType.choice(NodeRole.class, ConfigKeys::lower))
    .byDefault(NodeRole.ALL).means("What this node runs: the API, the task workers, or both");

  static final ConfigKey HTTP_HOST = key("http.host", ValueType.text())
    .byDefault("0.0.0.0").means("Interface the API listens on");
  static final ConfigKey HTTP_PORT = key("http.port", ValueType.integer(0, 65535))
    .byDefault(8080).means("Port the API listens on; 0 picks a free port");
  static final ConfigKey HTTP_MAX_BODY_BYTES = key("http.maxBodyBytes", ValueType.longInteger(1, 100L * 1024 * 1024))
    .byDefault(1048576L).means("Largest request body accepted, in bytes");
  static final ConfigKey HTTP_CORS_ALLOWED_ORIGINS = key("http.cors.allowedOrigins",
    ValueType.list("list of origins, or `*`", Formats::origins,
      "must be a list of origins like https://app.example.com, or just \"*\""))
    .byDefault(List.of()).means("Origins allowed by CORS; empty turns CORS off");
  static final ConfigKey HTTP_VALIDATE_RESPONSES = key("http.validateResponses", ValueType.bool())
    .byDefault(false).means("Also validate responses against the contract (for tests and staging)");
  static final ConfigKey HTTP_INSTANCES = key("http.instances", ValueType.integer(1, 64))
    .byDefault(1).means("API verticle instances per node");
  static final ConfigKey HTTP_SHUTDOWN_GRACE_SECONDS = key("http.shutdownGraceSeconds", ValueType.integer(0, 3600))
    .byDefault(10).means("How long shutdown waits for requests in flight, after it stops accepting new ones");
  static final ConfigKey HTTP_IDLE_TIMEOUT_SECONDS = key("http.idleTimeoutSeconds", ValueType.integer(1, 3600))
    .byDefault(75).means("A client connection that sends and receives nothing for this long is closed (so idle "
      + "connections cannot pile up until the node runs out of file descriptors); keep it above your clients' "
      + "keep-alive timeout (Vert.x's: 60 s), or a request sent as the node closes gets no answer");

  static final ConfigKey REDIS_URL = key("redis.url",
    ValueType.text("redis URL", Formats::redisUrl, "must be a URL starting with redis:// or rediss://"))
    .required().means("Redis to connect to, e.g. redis://:password@host:6379/0 (the password is never logged)");
  static final ConfigKey REDIS_TYPE = key("redis.type", ValueType.choice(RedisType.class, ConfigKeys::lower))
    .byDefault(RedisType.STANDALONE).means("Redis topology");
  static final ConfigKey REDIS_ENDPOINTS = key("redis.endpoints",
    ValueType.list("list of redis URLs", Formats::redisUrls,
      "must be a list of URLs starting with redis:// or rediss://"))
    .byDefault(List.of()).means("Sentinel or cluster seed URLs; empty means [redis.url]");
  static final ConfigKey REDIS_MASTER_NAME = key("redis.masterName", ValueType.text())
    .byDefault("mymaster").means("Master name watched by the sentinels (sentinel only)");
  static final ConfigKey REDIS_MAX_POOL_SIZE = key("redis.maxPoolSize", ValueType.integer(1, 1024))
    .byDefault(32).means("Most connections in the Redis pool");
  static final ConfigKey REDIS_MAX_POOL_WAITING = key("redis.maxPoolWaiting", ValueType.integer(0, 1_000_000))
    .byDefault(2048).means("Most requests waiting for a pooled connection");
  static final ConfigKey REDIS_ACK_REPLICAS = key("redis.ackReplicas", ValueType.integer(0, 16))
    .byDefault(0).means("Replicas that must confirm a fired task (WAIT) before the fire succeeds; 0 answers once "
      + "the master holds it. When they do not confirm in time the fire fails with not_durable (503)");
  static final ConfigKey REDIS_ACK_TIMEOUT_MS = key("redis.ackTimeoutMs", ValueType.integer(1, 60_000))
    .byDefault(1000).means("How long a fire waits for redis.ackReplicas replicas to confirm it");
  static final ConfigKey REDIS_COMMAND_TIMEOUT_MS = key("redis.commandTimeoutMs", ValueType.integer(100, 3_599_000))
    .means("Deadline of every Redis call (a blocking one gets it on top of its block time): a call with no reply by "
      + "then fails (a fire answers 503) and its connection is dropped, so the next call takes a new one. Must be "
      + "below tasks.leaseSeconds (in ms); unset: " + ConfigAssembler.COMMAND_TIMEOUT_MS + " ms, or a third of the "
      + "lease when that is shorter");
  static final ConfigKey REDIS_LOSS_REPORT_SECONDS = key("redis.lossReportSeconds", ValueType.integer(0, 86_400))
    .byDefault(300).means("How long a queue's Redis data found lost is reported in the health detail (data) and "
      + "the admin API, after its ERROR line and counter (0: only log and count it)");
  static final ConfigKey REDIS_LOSS_FAILS_READINESS = key("redis.lossFailsReadiness", ValueType.bool())
    .byDefault(false).means("Also fail readiness (check data) while a loss is reported; off by default, since "
      + "every node would leave its load balancer at once although it can serve");

  static final ConfigKey JWT_ALGORITHM = key("auth.jwt.algorithm", ValueType.choice(JwtAlgorithm.class, Enum::name))
    .byDefault(JwtAlgorithm.HS256).means("Algorithm bearer tokens are signed with");
  static final ConfigKey JWT_SECRET = key("auth.jwt.secret",
    SECRET).secret().means("Shared HMAC secret; required on a node serving the API (role all or api) when "
      + "auth.jwt.algorithm is HS256");
  static final ConfigKey JWT_PUBLIC_KEY_FILE = key("auth.jwt.publicKeyFile", ValueType.text())
    .means("Path to a PEM file with a BEGIN PUBLIC KEY block; required on a node serving the API when "
      + "auth.jwt.algorithm is RS256 or ES256");
  static final ConfigKey JWT_ISSUER = key("auth.jwt.issuer", ValueType.text())
    .means("Required 'iss' claim; unset accepts any issuer");
  static final ConfigKey JWT_AUDIENCE = key("auth.jwt.audience", ValueType.text())
    .means("Required 'aud' claim; unset accepts any audience");
  static final ConfigKey JWT_LEEWAY_SECONDS = key("auth.jwt.leewaySeconds", ValueType.integer(0, 300))
    .byDefault(5).means("Clock skew tolerated on exp/nbf/iat, in seconds");
  static final ConfigKey JWT_ROLES_CLAIM = key("auth.jwt.rolesClaim",
    ValueType.list("list of claim names", Formats::rolesClaims, "must be a non-empty list of claim names, like "
      + "[\"roles\"] or [\"realm_access.roles\"]"))
    .byDefault(List.of("roles")).means("Claims a token's roles are read from (arrays or space-separated strings; a "
      + "dotted name reads a nested claim); scope counts only when listed here");

  static final ConfigKey TASKS_SIGNING_KEY = key("tasks.signingKey",
    SECRET).secret().means("HMAC key that signs and verifies task envelopes, the same on every node; required "
      + "unless tasks.signingKeys is set (never both)");
  static final ConfigKey TASKS_SIGNING_KEYS = key("tasks.signingKeys",
    ValueType.list("list of strings, 32+ characters each", Formats::signingKeys,
      "must be a non-empty list of distinct keys of at least 32 characters each"))
    .secret().means("Key rotation: the first key signs task envelopes, every key verifies them; instead of "
      + "tasks.signingKey");
  static final ConfigKey TASKS_WORKERS = key("tasks.workers", ValueType.integer(1, 64))
    .byDefault(1).means("Event loops per node that run tasks returning a Future (one worker verticle each)");
  static final ConfigKey TASKS_CONCURRENCY = key("tasks.concurrency", ValueType.integer(1, 10000))
    .byDefault(16).means("Most tasks running at once on this node");
  static final ConfigKey TASKS_QUEUES = key("tasks.queues", ValueType.list("list of queue names", Formats::names,
    "must be a non-empty list of queue names of 1 to 64 letters, digits, '_', '.' or '-'"))
    .byDefault(List.of("default")).means("Queues this node's workers consume, besides every queue its @AsyncTask "
      + "methods name");
  static final ConfigKey TASKS_QUEUE_WEIGHTS = key("tasks.queueWeights", ValueType.weights())
    .byDefault(java.util.Map.of()).means("How often each queue is picked when the node claims work, relative to the "
      + "others (a queue not listed weighs 1); every queue with work keeps a chance at every claim");
  static final ConfigKey TASKS_PREFIX = key("tasks.prefix", ValueType.text(NAME, Formats::name, NAME_PROBLEM))
    .byDefault("courier").means("Prefix of every Redis key Courier writes");
  static final ConfigKey TASKS_SHUTDOWN_GRACE_SECONDS = key("tasks.shutdownGraceSeconds", ValueType.integer(0, 3600))
    .byDefault(30).means("How long shutdown waits for running tasks before leaving them to be reclaimed");
  static final ConfigKey TASKS_RETENTION_SECONDS = key("tasks.retentionSeconds",
    ValueType.longInteger(60, 31_536_000)).byDefault(86400L).means("How long finished and dead tasks are kept, "
    + "and how long past its task's due time an idempotency key (TaskCall.key) names that task");
  static final ConfigKey TASKS_MAX_PAYLOAD_BYTES = key("tasks.maxPayloadBytes", ValueType.integer(1024, 16_777_216))
    .byDefault(65536).means("Largest task arguments (as JSON) accepted per call, in bytes");
  static final ConfigKey TASKS_MAX_RESULT_BYTES = key("tasks.maxResultBytes", ValueType.integer(16, 16_777_216))
    .byDefault(16384).means("Largest task result (as JSON) stored with its status, in bytes; a larger one is not "
      + "stored, and the status says why");
  static final ConfigKey TASKS_LEASE_SECONDS = key("tasks.leaseSeconds", ValueType.integer(5, 3600))
    .byDefault(30).means("Lease on a claimed task; a task whose lease expires is reclaimed");
  static final ConfigKey TASKS_DEFAULT_MAX_ATTEMPTS = key("tasks.defaultMaxAttempts", ValueType.integer(1, 100))
    .byDefault(5).means("Attempts before a task is dead, unless its @AsyncTask says otherwise");
  static final ConfigKey TASKS_DEFAULT_TIMEOUT_SECONDS = key("tasks.defaultTimeoutSeconds",
    ValueType.integer(1, 86400)).byDefault(300)
    .means("Time limit of one attempt, unless its @AsyncTask says otherwise");
  static final ConfigKey TASKS_BACKOFF_BASE_MILLIS = key("tasks.backoffBaseMillis",
    ValueType.longInteger(1, 86_400_000)).byDefault(1000L)
    .means("First retry delay; later ones grow up to tasks.backoffMaxMillis");
  static final ConfigKey TASKS_BACKOFF_MAX_MILLIS = key("tasks.backoffMaxMillis",
    ValueType.longInteger(1, 604_800_000)).byDefault(3_600_000L)
    .means("Longest retry delay; at least tasks.backoffBaseMillis");

  static final ConfigKey TASKS_LOG_OUTCOMES = key("tasks.logOutcomes", ValueType.bool())
    .byDefault(true).means("Write one line per finished attempt (succeeded, retrying, dead); false writes none, for "
      + "task rates where a line each is too much (each task's status and the dead set still say how it ended)");

  static final ConfigKey TASKS_UNKNOWN_TASK_GRACE_SECONDS = key("tasks.unknownTaskGraceSeconds",
    ValueType.integer(0, 604_800)).byDefault(600)
    .means("How long a task whose name the node that claims it does not know waits, from its due time, for a node "
      + "that knows it (a newer one, in a rolling deploy) before it is dead; waiting counts no attempt");
  static final ConfigKey TASKS_CARRY_CLAIMS = key("tasks.carryClaims",
    ValueType.list("list of JWT claim names", Formats::claimNames,
      "must be a list of distinct JWT claim names of 1 to 100 characters each"))
    .byDefault(List.of("sub", "roles", "scope", "iss", "aud", "tenant"))
    .means("The caller's JWT claims a task envelope carries (those the token has); a task still sees the subject and "
      + "roles, and no other claim is stored in Redis");

  static final ConfigKey TRACING_OTLP_ENDPOINT = key("tracing.otlpEndpoint",
    ValueType.text("http(s) URL", Formats::httpUrl, "must be an http:// or https:// URL with a host"))
    .means("OpenTelemetry collector to send spans to over OTLP/HTTP, e.g. http://collector:4318 (`/v1/traces` is "
      + "added to a URL without a path); unset: no spans are recorded, trace ids still join the log lines");
  static final ConfigKey TRACING_SERVICE_NAME = key("tracing.serviceName", ValueType.text())
    .byDefault("courier").means("The `service.name` spans are exported under");

  static final ConfigKey METRICS_ENABLED = key("metrics.enabled", ValueType.bool())
    .byDefault(true).means("Record metrics (HTTP, tasks, queues, JVM, Redis pool) and serve them at GET /metrics in "
      + "the Prometheus text format");
  static final ConfigKey METRICS_ROLE = key("metrics.role", ValueType.text())
    .means("Role a bearer token must hold to read /metrics; unset, /metrics is public on http.port");
  static final ConfigKey METRICS_QUEUE_REFRESH_SECONDS = key("metrics.queueRefreshSeconds", ValueType.integer(1, 3600))
    .byDefault(5).means("How often the queue gauges are read from Redis (one batched read per queue)");

  static final ConfigKey ADMIN_ROLE = key("admin.role", ValueType.text("role name", Formats::name, NAME_PROBLEM))
    .byDefault("admin").means("Role a bearer token needs for the admin API (/admin/api/...), and to see any task's "
      + "status");

  static final ConfigKey SERVICE = key("service", ValueType.object())
    .byDefault(new JsonObject())
    .means("Your service's own settings, passed through as a JsonObject (no env overrides)");

  static final List<ConfigKey> ALL = List.of(ROLE, DEV,
    HTTP_HOST, HTTP_PORT, HTTP_MAX_BODY_BYTES, HTTP_CORS_ALLOWED_ORIGINS, HTTP_VALIDATE_RESPONSES, HTTP_INSTANCES,
    HTTP_SHUTDOWN_GRACE_SECONDS, HTTP_IDLE_TIMEOUT_SECONDS,
    REDIS_URL, REDIS_TYPE, REDIS_ENDPOINTS, REDIS_MASTER_NAME, REDIS_MAX_POOL_SIZE, REDIS_MAX_POOL_WAITING,
    REDIS_ACK_REPLICAS, REDIS_ACK_TIMEOUT_MS, REDIS_COMMAND_TIMEOUT_MS, REDIS_LOSS_REPORT_SECONDS, REDIS_LOSS_FAILS_READINESS,
    JWT_ALGORITHM, JWT_SECRET, JWT_PUBLIC_KEY_FILE, JWT_ISSUER, JWT_AUDIENCE, JWT_LEEWAY_SECONDS, JWT_ROLES_CLAIM,
    TASKS_SIGNING_KEY, TASKS_SIGNING_KEYS, TASKS_WORKERS, TASKS_CONCURRENCY, TASKS_QUEUES, TASKS_QUEUE_WEIGHTS, TASKS_PREFIX, TASKS_SHUTDOWN_GRACE_SECONDS,
    TASKS_RETENTION_SECONDS, TASKS_MAX_PAYLOAD_BYTES, TASKS_MAX_RESULT_BYTES, TASKS_LEASE_SECONDS, TASKS_DEFAULT_MAX_ATTEMPTS,
    TASKS_DEFAULT_TIMEOUT_SECONDS, TASKS_BACKOFF_BASE_MILLIS, TASKS_BACKOFF_MAX_MILLIS, TASKS_LOG_OUTCOMES,
    TASKS_UNKNOWN_TASK_GRACE_SECONDS, TASKS_CARRY_CLAIMS,
    TRACING_OTLP_ENDPOINT, TRACING_SERVICE_NAME, METRICS_ENABLED, METRICS_ROLE, METRICS_QUEUE_REFRESH_SECONDS,
    ADMIN_ROLE,
    SERVICE);

  private ConfigKeys() {
  }

  private static String lower(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
