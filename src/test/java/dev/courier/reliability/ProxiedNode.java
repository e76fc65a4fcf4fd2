package dev.courier.reliability;

import dev.courier.testkit.RedisFixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What each network fault test stands on: its own Redis, a {@link FaultyProxy} in front of it, a node of role
 * {@code all} in its own JVM that reaches Redis only through the proxy (the deadline of {@link CommandDeadline}), and a
 * direct look into Redis that never passes the proxy. Closed in the reverse order.
 */
final class ProxiedNode implements AutoCloseable {

  final String prefix;
  final RedisProcess redis;
  final FaultyProxy proxy;
  final RedisLook look;
  final ChildNode node;

  private ProxiedNode(String prefix, RedisProcess redis, FaultyProxy proxy, RedisLook look, ChildNode node) {
    this.prefix = prefix;
    this.redis = redis;
    this.proxy = proxy;
    this.look = look;
    this.node = node;
  }

  static ProxiedNode start(Path dir) throws IOException {
    String prefix = RedisFixture.uniquePrefix();
    RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
    FaultyProxy proxy = null;
    RedisLook look = null;
    try {
      proxy = FaultyProxy.to(redis.port());
      look = RedisLook.at(redis.url());
      ChildNode node = ChildNode.start(dir, "node", proxy.url(), prefix, CommandDeadline.node("all"),
        List.of("-Xmx256m"), Map.of());
      return new ProxiedNode(prefix, redis, proxy, look, node);
    } catch (IOException | RuntimeException e) {
      closeAll(look, proxy, redis);
      throw e;
    }
  }

  @Override
  public void close() {
    closeAll(node, look, proxy, redis);
  }

  private static void closeAll(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part != null) {
        try {
          part.close();
        } catch (Exception e) {
          // the next part still closes: a test's failure matters more than a close's
        }
      }
    }
  }
}
