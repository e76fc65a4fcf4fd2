package dev.courier.reliability;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.courier.reliability.CommandDeadline.LEASE_SECONDS;
import static dev.courier.reliability.CommandDeadline.MARGIN_MS;
import static dev.courier.reliability.CommandDeadline.MS;

/**
 * Issue 14, fault 1: a network partition between a node (role all, its own JVM) and Redis that drops packets without
 * resetting connections ({@link FaultyProxy#partition()}: nothing passes, nothing is reset, and what was sent flows
 * again at the heal, as TCP retransmits it), under a steady stream of fires, then healed. Every fire is answered (202,
 * or 503 within the deadline + margin; none hangs past it), every 202 has its effect once, nothing is left running one
 * lease after the heal, the node claims again within 2 s of the heal without a restart, a WARN line says Redis is
 * unreachable, and readiness fails while no call can complete. 5 s at 50 fires/s by default, 30 s at 200 fires/s under
 * -Preliability.
 */
class RedisPartitionReliabilityTest extends OwnRedisFaults {

  private static final Pattern UNREACHABLE = Pattern.compile("(?i)redis[^\"]*unreachable|unreachable[^\"]*redis");

  @Test
  void aFiveSecondPartitionUnderLoadIsAnsweredInTimeAndHealsWithoutARestart() throws Exception {
    run(Duration.ofSeconds(5), 50);
  }

  @Test
  @Tag("reliability")
  void aThirtySecondPartitionUnderTwoHundredFiresASecondIsAnsweredInTimeAndHealsWithoutARestart() throws Exception {
    run(Duration.ofSeconds(30), 200);
  }

  private void run(Duration partition, int perSecond) throws Exception {
    try (ProxiedNode setup = ProxiedNode.start(dir);
         NodeHttp.ReadinessSampler ready = new NodeHttp.ReadinessSampler(setup.node.port, 250);
         // in flight: 4 s of fires, twice what the deadline + margin lets pile up; more would only hide a hang
         HttpFireLoad load = new HttpFireLoad(setup.node.port, perSecond, perSecond * 4).start()) {
      String prefix = setup.prefix;
      FaultyProxy proxy = setup.proxy;
      RedisLook look = setup.look;
      ChildNode node = setup.node;
      Thread.sleep(1_500);
      long cut = System.currentTimeMillis();
      proxy.partition();
      Thread.sleep(partition.toMillis());
      proxy.heal();
      long healed = System.currentTimeMillis();
      load.markFault();
      long claimMs = look.firstEffect(prefix, load::acceptedAfterFault, healed, Duration.ofSeconds(20));
      long storeMs = load.newFireRecoveryMillis();
      Thread.sleep(Math.max(0, healed + 3_000 - System.currentTimeMillis()));
      load.stop();
      // one lease after the heal (and a second for the recoverer's tick), nothing may still be running
      Thread.sleep(Math.max(0, healed + LEASE_SECONDS * 1000L + 1_000 - System.currentTimeMillis()));
      List<String> running = look.inState(prefix, "default", "running");
      Outcome outcome = look.outcome(prefix, load.accepted(), Duration.ofSeconds(60));
      List<NodeHttp.Answer> readyWhileCut = ready.within(cut + MS + MARGIN_MS, healed);
      List<NodeHttp.Answer> readyAfter = ready.where(a -> a.atMs() > healed + 2_000);
      int late = load.slowerThan(MS + MARGIN_MS);

      Figures.of("redis-partition").put("partition_s", partition.toSeconds()).put("rate_per_s", perSecond)
        .put("deadline_ms", MS).put("sent", load.sent())
        .put("accepted", load.acceptedCount()).put("other_answers", load.others())
        .put("no_answer_why", load.failures())
        .put("503_without_retry_after", load.unavailableWithoutRetryAfter())
        .put("answers_over_deadline_plus_margin", late)
        .put("slowest_answer_ms", load.slowestMillis()).put("first_202_of_a_fire_sent_after_heal_ms", storeMs)
        .put("first_run_of_a_fire_sent_after_heal_ms", claimMs).put("running_one_lease_after_heal", running.size())
        .put("lost", outcome.lost().size()).put("duplicate_effects", outcome.duplicated().size())
        .put("runs", outcome.runs()).put("effects", outcome.effects())
        .put("readiness_while_cut", statuses(readyWhileCut)).put("readiness_after_heal", statuses(readyAfter))
        .put("first_unready_after_heal", readyAfter.stream().filter(a -> a.status() != 200).map(NodeHttp.Answer::body)
          .findFirst().orElse("-")).put("proxy_connections", proxy.accepted()).record();

      SoftAssertions.assertSoftly(soft -> {
        soft.assertThat(load.unavailableWithoutRetryAfter()).as("503 answers without Retry-After").isZero();
        soft.assertThat(load.others().keySet()).as("answers other than 202: 503 only (0 = none at all)")
          .isSubsetOf(503);
        soft.assertThat(late).as("answers that took longer than the deadline (%d ms) + %d ms; slowest %d ms", MS,
          MARGIN_MS, load.slowestMillis()).isZero();
        soft.assertThat(outcome.lost()).as("accepted tasks with no effect").isEmpty();
        soft.assertThat(outcome.duplicated()).as("effects applied twice").isEmpty();
        soft.assertThat(running).as("tasks still running one lease after the heal").isEmpty();
        soft.assertThat(claimMs).as("ms from the heal to the first run of a task fired after it")
          .isBetween(0L, 2_000L);
        soft.assertThat(NodeLog.lines(node, "WARN", UNREACHABLE)).as("a WARN line saying Redis is unreachable")
          .isNotEmpty();
        soft.assertThat(readyWhileCut).as("readiness probes while no call can complete").isNotEmpty()
          .extracting(NodeHttp.Answer::status).doesNotContain(200);
        soft.assertThat(readyAfter).as("readiness 2 s after the heal").extracting(NodeHttp.Answer::status)
          .contains(200);
      });
    }
  }

  static Map<Integer, Long> statuses(List<NodeHttp.Answer> answers) {
    return answers.stream().collect(java.util.stream.Collectors.groupingBy(NodeHttp.Answer::status,
      java.util.TreeMap::new, java.util.stream.Collectors.counting()));
  }
}
