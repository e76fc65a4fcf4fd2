package dev.courier.reliability;

import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A node on a 3-master Redis Cluster (redis.type cluster): fires over HTTP run exactly once while the queue's slot (the
 * hash tag {@code {default}}) moves to another master under load, key batch by key batch as {@code redis-cli --cluster
 * reshard} moves it, so fires and workers meet ASK while it moves and MOVED after. Nothing accepted may be lost or run
 * twice. One move by default, three under -Preliability. Needs redis-cli (skipped without it).
 */
class ClusterReliabilityTest {

  @TempDir
  Path dir;

  @BeforeEach
  void needsRedisCli() {
    assumeTrue(RedisProcess.cliAvailable(), "redis-cli is not installed");
  }

  @Test
  void threeMastersRunEveryAcceptedTaskOnceWhileTheQueueSlotMoves() throws Exception {
    reshard(1, 150, Duration.ofSeconds(2));
  }

  @Test
  @Tag("reliability")
  void theQueueSlotMovesThreeTimesUnderHeavierLoad() throws Exception {
    reshard(3, 400, Duration.ofSeconds(5));
  }

  private void reshard(int moves, int perSecond, Duration between) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3);
         TestNode app = start(cluster)) {
      int slot = cluster.slotOf("{default}");
      List<Integer> movedKeys = new ArrayList<>();
      List<Long> moveMillis = new ArrayList<>();
      Outcome outcome = fireAndCheck(app, perSecond, between, () -> {
        for (int i = 0; i < moves; i++) {
          RedisProcess from = cluster.ownerOf(slot);
          RedisProcess to = cluster.masters.get((cluster.masters.indexOf(from) + 1) % cluster.masters.size());
          long t0 = System.currentTimeMillis();
          movedKeys.add(cluster.moveSlot(slot, from, to, 5, 20));
          moveMillis.add(System.currentTimeMillis() - t0);
          assertThat(cluster.ownerOf(slot)).isSameAs(to);
          Thread.sleep(between.toMillis());
        }
      }, "cluster-reshard-queue-slot", "slot", slot, "moves", moves, "keys_moved", movedKeys, "move_ms", moveMillis);
      assertThat(outcome.lost()).as("accepted tasks lost across the move").isEmpty();
      List<Long> keys = cluster.masters.stream().map(m -> Long.parseLong(m.cli("DBSIZE").trim())).toList();
      assertThat(keys).as("keys per master: the outbox spreads over all three").allMatch(n -> n > 0);
    }
  }

  private interface Fault {
    void make() throws Exception;
  }

  private Outcome fireAndCheck(TestNode app, int perSecond, Duration around, Fault fault, String row,
                               Object... extra) throws Exception {
    Outcome outcome;
    Map<Integer, Integer> others;
    int accepted;
    try (HttpFireLoad load = new HttpFireLoad(app.node.httpPort(), perSecond, 64).start()) {
      Thread.sleep(around.toMillis());
      fault.make();
      Thread.sleep(around.toMillis());
      load.stop();
      accepted = load.accepted().size();
      others = load.others();
      outcome = Outcome.awaitAll(app.node.redis(), app.prefix, load.accepted(), Duration.ofSeconds(90));
    }
    Figures figures = Figures.of(row).put("rate_per_s", perSecond).put("accepted", accepted)
      .put("other_answers", others).put("lost", outcome.lost().size()).put("runs", outcome.runs())
      .put("effects", outcome.effects()).put("duplicate_effects", outcome.duplicated().size())
      .put("ran_without_a_202", outcome.effects() - accepted + outcome.lost().size());
    for (int i = 0; i + 1 < extra.length; i += 2) {
      figures.put(extra[i].toString(), extra[i + 1]);
    }
    figures.record();
    assertThat(outcome.duplicated()).as("effects applied twice").isEmpty();
    assertThat(outcome.runs()).as("runs beyond one per task").isEqualTo(outcome.effects());
    // a fire that meets the slot mid-move past the client's redirect budget, or past redis.commandTimeoutMs, may get a
    // 503 (retry later), never a 500; one that passed its deadline after it was sent may still have been stored (its
    // outcome is unknown, as with any timeout: README, "Deadlines"), so it may run although its caller got a 503
    assertThat(others.keySet()).as("answers other than 202").isSubsetOf(503);
    assertThat(outcome.effects() - accepted).as("tasks that ran without a 202: at most those answered 503")
      .isBetween(0L, (long) others.getOrDefault(503, 0));
    return outcome;
  }

  private static TestNode start(LocalCluster cluster) {
    return TestNode.start(new OutboxTaskService(), cluster.masters.get(0).url(), new JsonObject().put("role", "all")
      .put("redis", new JsonObject().put("type", "cluster").put("endpoints", new JsonArray(cluster.urls())))
      .put("tasks", new JsonObject().put("leaseSeconds", 5)));
  }
}
