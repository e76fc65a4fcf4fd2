package dev.courier.reliability;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.courier.reliability.CommandDeadline.MARGIN_MS;
import static dev.courier.reliability.CommandDeadline.MS;
import static dev.courier.reliability.RedisPartitionReliabilityTest.statuses;

/**
 * Issue 14, fault 2: the Redis host replaced under load ({@link FaultyProxy#replaced()}): every connection the node
 * (role all, its own JVM) holds stays open and silent for ever, while a new connection reaches Redis. The node must
 * store (a 202) and run tasks again within twice the deadline after Redis is reachable, without a restart, and its
 * readiness must fail while it cannot; no 202'd task may be lost. 50 fires/s for 3 s after the switch by default, 200
 * fires/s for 30 s under -Preliability.
 */
class RedisHostReplacedReliabilityTest extends OwnRedisFaults {

  @Test
  void aNodeWhoseRedisHostIsReplacedStoresAndRunsAgainWithoutARestart() throws Exception {
    run(Duration.ofSeconds(3), 50);
  }

  @Test
  @Tag("reliability")
  void aNodeWhoseRedisHostIsReplacedUnderTwoHundredFiresASecondStoresAndRunsAgainWithoutARestart() throws Exception {
    run(Duration.ofSeconds(30), 200);
  }

  private void run(Duration after, int perSecond) throws Exception {
    try (ProxiedNode setup = ProxiedNode.start(dir);
         NodeHttp.ReadinessSampler ready = new NodeHttp.ReadinessSampler(setup.node.port, 100);
         HttpFireLoad load = new HttpFireLoad(setup.node.port, perSecond, perSecond * 4).start()) {
      String prefix = setup.prefix;
      FaultyProxy proxy = setup.proxy;
      RedisLook look = setup.look;
      ChildNode node = setup.node;
      Thread.sleep(1_500);
      proxy.replaced();
      long switched = System.currentTimeMillis();
      load.markFault();
      // Redis is reachable from the switch on (a new connection gets there): measured from it
      long runMs = look.firstEffect(prefix, load::acceptedAfterFault, switched, after.plusSeconds(5));
      long storeMs = load.newFireRecoveryMillis();
      Thread.sleep(Math.max(0, switched + after.toMillis() - System.currentTimeMillis()));
      load.stop();
      long end = System.currentTimeMillis();
      // probes asked after the switch (and a margin for one already on its way) and answered before the node stored
      // again: it could not serve then. (Until a task fired after the switch ran, the node may already store and claim
      // while that task's own Redis calls still meet a silent socket and it retries: a figure, not readiness's business.)
      long storingAt = storeMs < 0 ? end : switched + storeMs;
      long servingAt = storeMs < 0 || runMs < 0 ? end : switched + Math.max(storeMs, runMs);
      List<NodeHttp.Answer> readyWhileStuck = ready.within(switched + MARGIN_MS, storingAt);
      List<NodeHttp.Answer> readyBeforeARun = ready.within(switched + MARGIN_MS, servingAt);
      Outcome outcome = look.outcome(prefix, load.accepted(), Duration.ofSeconds(30));

      Figures.of("redis-host-replaced").put("after_s", after.toSeconds()).put("rate_per_s", perSecond)
        .put("deadline_ms", MS).put("sent", load.sent())
        .put("accepted", load.acceptedCount()).put("other_answers", load.others())
        .put("no_answer_why", load.failures())
        .put("503_without_retry_after", load.unavailableWithoutRetryAfter())
        .put("slowest_answer_ms", load.slowestMillis())
        .put("first_202_of_a_fire_sent_after_switch_ms", storeMs).put("first_run_of_a_fire_sent_after_switch_ms", runMs)
        .put("lost", outcome.lost().size()).put("duplicate_effects", outcome.duplicated().size())
        .put("runs", outcome.runs()).put("effects", outcome.effects())
        .put("readiness_while_not_storing", statuses(readyWhileStuck))
        .put("readiness_before_a_run", statuses(readyBeforeARun)).put("proxy_connections", proxy.accepted())
        .put("dropped_bytes", proxy.droppedBytes()).record();

      SoftAssertions.assertSoftly(soft -> {
        soft.assertThat(load.unavailableWithoutRetryAfter()).as("503 answers without Retry-After").isZero();
        soft.assertThat(storeMs).as("ms from the switch to the first 202 of a fire sent after it")
          .isBetween(0L, 2L * MS);
        soft.assertThat(runMs).as("ms from the switch to the first run of a task fired after it")
          .isBetween(0L, 2L * MS);
        soft.assertThat(readyWhileStuck).as("readiness while the node could not store")
          .extracting(NodeHttp.Answer::status).doesNotContain(200);
        soft.assertThat(outcome.lost()).as("accepted tasks with no effect").isEmpty();
        soft.assertThat(outcome.duplicated()).as("effects applied twice").isEmpty();
      });
    }
  }
}
