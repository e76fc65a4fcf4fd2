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
 * Redis with AOF {@code appendfsync always} killed with SIGKILL under a steady stream of fires over HTTP, and started
 * again on the same port and directory, while one node (role all) keeps serving and working: every 202 must have its
 * task run, and the outbox (keyed by task id) must hold each effect once. One kill in the default build, five under
 * -Preliability.
 */
class RedisKillReliabilityTest {

  @TempDir
  Path dir;

  @BeforeEach
  void needsRedisCli() {
    assumeTrue(RedisProcess.cliAvailable(), "redis-cli is not installed (RedisProcess talks to its servers with it)");
  }

  @Test
  void oneKillUnderLoadLosesNoAcceptedTask() throws Exception {
    run(1, Duration.ofSeconds(2), 100);
  }

  @Test
  @Tag("reliability")
  void fiveKillsUnderLoadLoseNoAcceptedTask() throws Exception {
    run(5, Duration.ofSeconds(10), 300);
  }

  private void run(int kills, Duration between, int perSecond) throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"), "--appendonly", "yes",
           "--appendfsync", "always");
         TestNode app = TestNode.start(new OutboxTaskService(), redis.url(), new JsonObject().put("role", "all")
           .put("tasks", new JsonObject().put("leaseSeconds", 5)))) {
      assertThat(redis.cli("CONFIG", "GET", "appendfsync")).contains("always");
      List<Long> recoveries = new ArrayList<>();
      Outcome outcome;
      Map<Integer, Integer> others;
      int accepted;
      try (HttpFireLoad load = new HttpFireLoad(app.node.httpPort(), perSecond, 32).start()) {
        for (int i = 0; i < kills; i++) {
          Thread.sleep(between.toMillis());
          redis.kill9();
          Thread.sleep(1_000); // down for a second: fires meanwhile must fail, not be acknowledged
          redis.restart();
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
      Figures.of("redis-kill9-aof-always").put("kills", kills).put("rate_per_s", perSecond).put("accepted", accepted)
        .put("other_answers", others).put("lost", outcome.lost().size()).put("runs", outcome.runs())
        .put("effects", outcome.effects()).put("duplicate_effects", outcome.duplicated().size())
        .put("recovery_ms_after_restart", recoveries).record();

      assertThat(outcome.lost()).as("accepted tasks with no effect").isEmpty();
      assertThat(outcome.duplicated()).as("accepted tasks whose effect was applied twice").isEmpty();
      assertThat(others.keySet()).as("answers other than 202 (Redis down: 503 only)").isSubsetOf(503);
      assertThat(recoveries).as("ms from restart to the first 202").allMatch(ms -> ms >= 0);
    }
  }
}
