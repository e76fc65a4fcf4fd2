package dev.courier.reliability;

import dev.courier.internal.testing.TestNode;
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
 * Redis frozen with SIGSTOP for 7 s, past the 5 s lease, while fires stream in over HTTP and a node (role all) works:
 * connections stay open and every command waits, so when Redis goes on every running lease looks expired. Every 202
 * must have its task run and its effect applied once. One stall by default, three under -Preliability.
 * (RedisStallTest checks the same without load, on tasks that outlive the stall.)
 */
class RedisStallReliabilityTest {

  @TempDir
  Path dir;

  @BeforeEach
  void needsRedisCli() {
    assumeTrue(RedisProcess.cliAvailable(), "redis-cli is not installed (RedisProcess talks to its servers with it)");
  }

  @Test
  void oneStallPastTheLeaseUnderLoadLosesAndDoublesNothing() throws Exception {
    run(1, Duration.ofSeconds(2), 100);
  }

  @Test
  @Tag("reliability")
  void threeStallsPastTheLeaseUnderLoadLoseAndDoubleNothing() throws Exception {
    run(3, Duration.ofSeconds(10), 300);
  }

  private void run(int stalls, Duration between, int perSecond) throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
         TestNode app = TestNode.start(new OutboxTaskService(), redis.url(), new JsonObject().put("role", "all")
           .put("tasks", new JsonObject().put("leaseSeconds", 5)))) {
      List<Long> recoveries = new ArrayList<>();
      Outcome outcome;
      Map<Integer, Integer> others;
      int accepted;
      try (HttpFireLoad load = new HttpFireLoad(app.node.httpPort(), perSecond, 64).start()) {
        for (int i = 0; i < stalls; i++) {
          Thread.sleep(between.toMillis());
          redis.signal("STOP");
          Thread.sleep(7_000); // past the 5 s lease
          redis.signal("CONT");
          load.markFault();
          long limit = System.currentTimeMillis() + 30_000;
          while (load.recoveryMillis() < 0 && System.currentTimeMillis() < limit) {
            Thread.sleep(20);
          }
          recoveries.add(load.recoveryMillis());
        }
        Thread.sleep(between.toMillis());
        load.stop();
        accepted = load.accepted().size();
        others = load.others();
        outcome = Outcome.awaitAll(app.node.redis(), app.prefix, load.accepted(), Duration.ofSeconds(120));
      }
      Figures.of("redis-sigstop-past-lease").put("stalls", stalls).put("stall_s", 7).put("lease_s", 5)
        .put("rate_per_s", perSecond).put("accepted", accepted).put("other_answers", others)
        .put("lost", outcome.lost().size()).put("duplicate_effects", outcome.duplicated().size())
        .put("runs", outcome.runs()).put("effects", outcome.effects())
        .put("recovery_ms_after_sigcont", recoveries).record();

      assertThat(outcome.lost()).as("accepted tasks with no effect").isEmpty();
      assertThat(outcome.duplicated()).as("effects applied twice").isEmpty();
      assertThat(others.keySet()).as("answers other than 202 (a stalled Redis: 503 at most)").isSubsetOf(503);
    }
  }
}
