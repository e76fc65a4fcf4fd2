package dev.courier.reliability;

import io.vertx.core.json.JsonObject;

/**
 * The deadline on every Redis call ({@code redis.commandTimeoutMs}) that the network fault tests of issue 14 hold the
 * nodes to, and the node config they share. A fire must be answered (202, or 503 with Retry-After) within
 * {@link #MS} + {@link #MARGIN_MS}.

 */
final class CommandDeadline {

  /** The deadline the tests configure and assert against, in ms. */
  static final int MS = 1_000;

  /** What an answer may take beyond the deadline: HTTP, the JVM and a machine shared with other builds. */
  static final int MARGIN_MS = 1_000;

  /** The lease of the nodes under test (the smallest allowed), in seconds. */
  static final int LEASE_SECONDS = 5;

  private CommandDeadline() {
  }

  /** Overrides for {@code ChildNode.start}: the role, a 5 s lease, and the deadline. */
  static JsonObject node(String role) {
    return new JsonObject().put("role", role).put("tasks", new JsonObject().put("leaseSeconds", LEASE_SECONDS))
      .put("redis", new JsonObject().put("commandTimeoutMs", MS));
  }
}
