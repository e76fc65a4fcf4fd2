package dev.courier.reliability;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.courier.reliability.CommandDeadline.MARGIN_MS;
import static dev.courier.reliability.CommandDeadline.MS;

/**
 * Issue 14, fault 3: Redis answering slowly under load: the proxy delays every byte 1 s each way, so each round trip
 * to Redis takes 2 s more, past the deadline. Every fire is answered 202 or 503 within the deadline + margin, no
 * 202'd task is lost, and once the latency goes the node serves and runs tasks again on its own (within 5 s). 3 s at
 * 50 fires/s by default, 30 s at 200 fires/s under -Preliability.
 */
class RedisLatencyReliabilityTest extends OwnRedisFaults {

  /** Each way: a round trip takes twice this much more. */
  private static final long LATENCY_EACH_WAY_MS = 1_000;

  @Test
  void aSlowRedisUnderLoadIsAnsweredWithinTheDeadlineAndTheNodeRecoversOnItsOwn() throws Exception {
    run(Duration.ofSeconds(3), 50);
  }

  @Test
  @Tag("reliability")
  void aSlowRedisUnderTwoHundredFiresASecondIsAnsweredWithinTheDeadlineAndTheNodeRecoversOnItsOwn() throws Exception {
    run(Duration.ofSeconds(30), 200);
  }

  private void run(Duration slow, int perSecond) throws Exception {
    try (ProxiedNode setup = ProxiedNode.start(dir);
         HttpFireLoad load = new HttpFireLoad(setup.node.port, perSecond, perSecond * 4).start()) {
      String prefix = setup.prefix;
      FaultyProxy proxy = setup.proxy;
      RedisLook look = setup.look;
      ChildNode node = setup.node;
      Thread.sleep(1_500);
      proxy.latency(LATENCY_EACH_WAY_MS);
      Thread.sleep(slow.toMillis());
      proxy.heal();
      long healed = System.currentTimeMillis();
      load.markFault();
      long runMs = look.firstEffect(prefix, load::acceptedAfterFault, healed, Duration.ofSeconds(15));
      long storeMs = load.newFireRecoveryMillis();
      Thread.sleep(Math.max(0, healed + 2_000 - System.currentTimeMillis()));
      load.stop();
      Outcome outcome = look.outcome(prefix, load.accepted(), Duration.ofSeconds(30));
      int late = load.slowerThan(MS + MARGIN_MS);

      Figures.of("redis-latency").put("latency_each_way_ms", LATENCY_EACH_WAY_MS).put("slow_s", slow.toSeconds())
        .put("rate_per_s", perSecond).put("deadline_ms", MS)
        .put("sent", load.sent()).put("accepted", load.acceptedCount()).put("other_answers", load.others())
        .put("no_answer_why", load.failures())
        .put("503_without_retry_after", load.unavailableWithoutRetryAfter())
        .put("answers_over_deadline_plus_margin", late)
        .put("slowest_answer_ms", load.slowestMillis()).put("first_202_of_a_fire_sent_after_heal_ms", storeMs)
        .put("first_run_of_a_fire_sent_after_heal_ms", runMs).put("lost", outcome.lost().size())
        .put("duplicate_effects", outcome.duplicated().size()).put("runs", outcome.runs())
        .put("effects", outcome.effects()).record();

      SoftAssertions.assertSoftly(soft -> {
        soft.assertThat(load.unavailableWithoutRetryAfter()).as("503 answers without Retry-After").isZero();
        soft.assertThat(load.others().keySet()).as("answers other than 202: 503 only (0 = none at all)")
          .isSubsetOf(503);
        soft.assertThat(late).as("answers that took longer than the deadline (%d ms) + %d ms; slowest %d ms", MS,
          MARGIN_MS, load.slowestMillis()).isZero();
        soft.assertThat(outcome.lost()).as("accepted tasks with no effect").isEmpty();
        soft.assertThat(outcome.duplicated()).as("effects applied twice").isEmpty();
        soft.assertThat(runMs).as("ms from the latency's end to the first run of a task fired after it")
          .isBetween(0L, 5_000L);
      });
    }
  }
}
