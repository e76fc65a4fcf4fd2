package dev.courier.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of masters on loopback, each a {@link RedisProcess} with {@code cluster-enabled yes}, joined by
 * {@code redis-cli --cluster create}; and the steps {@code redis-cli --cluster reshard} makes to move one slot
 * (SETSLOT IMPORTING / MIGRATING, MIGRATE in small batches, SETSLOT NODE), paced so that clients meet the slot
 * half-moved (ASK) and then moved (MOVED).
 */
public final class LocalCluster implements AutoCloseable {

  public final List<RedisProcess> masters;

  private LocalCluster(List<RedisProcess> masters) {
    this.masters = masters;
  }

  public static LocalCluster start(Path dir, int size) throws InterruptedException {
    List<RedisProcess> masters = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        masters.add(RedisProcess.start(dir.resolve("m" + i), "--cluster-enabled", "yes", "--cluster-config-file",
          "nodes.conf", "--cluster-node-timeout", "2000", "--appendonly", "no"));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      masters.forEach(m -> create.add("127.0.0.1:" + m.port()));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      String out = RedisProcess.run(create);
      if (!out.contains("All 16384 slots covered")) {
        throw new IllegalStateException("cluster create failed: " + out);
      }
      LocalCluster cluster = new LocalCluster(masters);
      cluster.awaitOk();
      return cluster;
    } catch (RuntimeException | InterruptedException e) {
      masters.forEach(RedisProcess::close);
      throw e;
    }
  }

  /** The seed URLs for {@code redis.endpoints}. */
  public List<String> urls() {
    return masters.stream().map(RedisProcess::url).toList();
  }

  public int slotOf(String key) {
    return Integer.parseInt(masters.get(0).cli("CLUSTER", "KEYSLOT", key).trim());
  }

  public String nodeId(RedisProcess master) {
    return master.cli("CLUSTER", "MYID").trim();
  }

  /** The master that serves {@code slot} now. */
  public RedisProcess ownerOf(int slot) {
    for (RedisProcess m : masters) {
      if (owns(m, slot)) {
        return m;
      }
    }
    throw new IllegalStateException("no owner for slot " + slot);
  }

  private boolean owns(RedisProcess m, int slot) {
    String id = nodeId(m);
    for (String line : m.cli("CLUSTER", "NODES").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length > 8 && f[0].equals(id)) {
        for (int i = 8; i < f.length; i++) {
          String range = f[i];
          if (range.startsWith("[")) {
            continue;
          }
          String[] ends = range.split("-");
          int lo = Integer.parseInt(ends[0]);
          int hi = ends.length > 1 ? Integer.parseInt(ends[1]) : lo;
          if (slot >= lo && slot <= hi) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Moves {@code slot} from {@code from} to {@code to} as {@code redis-cli --cluster reshard} does, {@code batch}
   * keys per MIGRATE with {@code pauseMs} between batches; returns how many keys moved.
   */
  public int moveSlot(int slot, RedisProcess from, RedisProcess to, int batch, long pauseMs)
    throws InterruptedException {
    String s = Integer.toString(slot);
    String fromId = nodeId(from);
    String toId = nodeId(to);
    check(to.cli("CLUSTER", "SETSLOT", s, "IMPORTING", fromId));
    check(from.cli("CLUSTER", "SETSLOT", s, "MIGRATING", toId));
    int moved = 0;
    while (true) {
      List<String> keys = from.cli("CLUSTER", "GETKEYSINSLOT", s, Integer.toString(batch)).lines()
        .map(String::trim).filter(k -> !k.isEmpty()).toList();
      if (keys.isEmpty()) {
        break;
      }
      List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(to.port()), "", "0",
        "5000", "REPLACE", "KEYS"));
      migrate.addAll(keys);
      String reply = from.cli(migrate.toArray(String[]::new));
      if (!reply.contains("OK") && !reply.contains("NOKEY")) {
        throw new IllegalStateException("MIGRATE failed: " + reply);
      }
      moved += keys.size();
      Thread.sleep(pauseMs);
    }
    check(to.cli("CLUSTER", "SETSLOT", s, "NODE", toId));
    check(from.cli("CLUSTER", "SETSLOT", s, "NODE", toId));
    for (RedisProcess m : masters) {
      if (m != from && m != to) {
        m.cli("CLUSTER", "SETSLOT", s, "NODE", toId);
      }
    }
    return moved;
  }

  private static void check(String reply) {
    if (!reply.contains("OK")) {
      throw new IllegalStateException("CLUSTER SETSLOT failed: " + reply);
    }
  }

  private void awaitOk() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    for (RedisProcess m : masters) {
      while (!m.cli("CLUSTER", "INFO").contains("cluster_state:ok")) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("cluster not ok after 30 s");
        }
        Thread.sleep(50);
      }
    }
  }

  @Override
  public void close() {
    masters.forEach(RedisProcess::close);
  }
}
