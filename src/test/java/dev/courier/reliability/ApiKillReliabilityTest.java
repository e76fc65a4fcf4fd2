package dev.courier.reliability;

import dev.courier.internal.testing.TestNode;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API node (role api, its own JVM) killed with SIGKILL while fires stream in over HTTP, then started again: every
 * task the client got a 202 for must run (a worker node in this JVM runs them). Requests in flight at the kill get no
 * answer; whatever they enqueued may run too, but it was never promised. One kill by default, three under
 * -Preliability.
 */
class ApiKillReliabilityTest {

  @TempDir
  Path dir;

  @Test
  void everyAcceptedFireOfAKilledApiNodeRuns() throws Exception {
    run(1, Duration.ofSeconds(3), 150);
  }

  @Test
  @Tag("reliability")
  void everyAcceptedFireOfAnApiNodeKilledThreeTimesRuns() throws Exception {
    run(3, Duration.ofSeconds(10), 400);
  }

  private void run(int kills, Duration between, int perSecond) throws Exception {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    JsonObject api = new JsonObject().put("role", "api");
    try (TestNode worker = TestNode.start(new OutboxTaskService(), url, prefix, new JsonObject().put("role", "worker"))) {
      ChildNode node = ChildNode.start(dir, "api-0", url, prefix, api, List.of("-Xmx256m"), Map.of());
      List<Long> recoveries = new ArrayList<>();
      Outcome outcome;
      Map<Integer, Integer> others;
      int accepted;
      try (HttpFireLoad load = new HttpFireLoad(node.port, perSecond, 64).start()) {
        for (int i = 1; i <= kills; i++) {
          Thread.sleep(between.toMillis());
          node.kill9();
          load.markFault();
          node = ChildNode.start(dir, "api-" + i, url, prefix, api, List.of("-Xmx256m"), Map.of());
          load.retarget(node.port);
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
        outcome = Outcome.awaitAll(worker.node.redis(), prefix, load.accepted(), Duration.ofSeconds(60));
      } finally {
        node.close();
      }
      Figures.of("api-node-kill9").put("kills", kills).put("rate_per_s", perSecond).put("accepted", accepted)
        .put("unanswered_or_other", others).put("lost", outcome.lost().size()).put("runs", outcome.runs())
        .put("effects", outcome.effects()).put("duplicate_effects", outcome.duplicated().size()).put("ran_without_a_202", outcome.effects() - accepted + outcome.lost().size())
        .put("recovery_ms_kill_to_first_202_incl_jvm_start", recoveries).record();

      assertThat(outcome.lost()).as("accepted tasks that never ran").isEmpty();
      assertThat(outcome.duplicated()).as("effects applied twice").isEmpty();
      assertThat(outcome.runs()).as("runs beyond one per task").isEqualTo(outcome.effects());
      assertThat(others.keySet()).as("answers other than 202: none, or no answer at the kill").isSubsetOf(0);
    }
  }
}
