package dev.courier.internal.redis;

import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.testing.ClientFireLoad;
import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.OutboxService;
import dev.courier.internal.testing.Resp;
import dev.courier.internal.testing.SentinelTopology;
import dev.courier.internal.testing.TestNode;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SENTINEL FAILOVER} under a steady load of fires (100/s), with real processes: master, replica, three
 * sentinels, a node configured for Sentinel, and an outbox Redis apart where each task counts its runs. Tasks take
 * 200 ms on 16 slots, slower than they come, so a backlog waits on the master (and its replica) at the switch. With
 * {@code redis.ackReplicas: 1} every accepted fire runs (at least once: the outbox makes a second run harmless), and
 * the workers start the backlog's tasks on the new master soon after the switch.
 */
class SentinelFailoverTest {

  private static final int RATE = 100;
  // 16 slots of 200 ms run 80 tasks/s: a backlog builds up, so the new master holds work to claim at once
  private static final long RUN_MS = 200;

  static JsonObject sentinelNode(SentinelTopology redis, int ackReplicas) {
    return new JsonObject().put("role", "all")
      .put("redis", new JsonObject().put("type", "sentinel").put("endpoints", new JsonArray(redis.sentinelUrls()))
        .put("masterName", SentinelTopology.MASTER_NAME).put("ackReplicas", ackReplicas).put("ackTimeoutMs", 500))
      .put("tasks", new JsonObject().put("concurrency", 16).put("leaseSeconds", 5));
  }

  @Test
  void with_ack_replicas_every_accepted_fire_runs_and_workers_resume_on_the_new_master() throws Exception {
    try (SentinelTopology redis = SentinelTopology.start();
         RedisFixture outbox = RedisFixture.start();
         TestNode app = TestNode.start(new OutboxService(outbox.url(), RUN_MS),
           redis.sentinelUrls().get(0), sentinelNode(redis, 1))) {
      ClientFireLoad load = ClientFireLoad.start(app.node.tasks(), "outbox", RATE, "t");
      Thread.sleep(3_000);
      long switchedAt = redis.failover();
      Thread.sleep(5_000);
      load.stop();
      List<String> accepted = load.tokens(ClientFireLoad.Outcome.ACCEPTED);
      assertThat(accepted).as("fires accepted before the switch").hasSizeGreaterThan(RATE);

      Map<String, Integer> runs = until(Duration.ofSeconds(60), () -> runs(outbox.port()),
        r -> accepted.stream().allMatch(r::containsKey));
      long duplicates = runs.values().stream().filter(n -> n > 1).count();
      long resumedAfterMs = firstStartOnMaster(redis.masterPort(), app.prefix, switchedAt) - switchedAt;
      System.out.printf("ackReplicas=1: fired %d, accepted %d, not_durable %d, failed %d, lost 0, ran twice or "
          + "more %d, first task started on the new master %d ms after the switch%n", load.fired(), accepted.size(),
        load.tokens(ClientFireLoad.Outcome.NOT_DURABLE).size(), load.tokens(ClientFireLoad.Outcome.FAILED).size(), duplicates,
        resumedAfterMs);
      System.out.println("ackReplicas=1 failures other than not_durable: " + load.failures() + "; switch seen at "
        + java.time.Instant.ofEpochMilli(switchedAt));
      assertThat(resumedAfterMs).as("workers claim on the new master soon after the switch").isBetween(0L, 5_000L);
    }
  }

  @Test
  void without_ack_replicas_the_tasks_a_failover_loses_are_logged_counted_and_shown_by_readiness() throws Exception {
    try (SentinelTopology redis = SentinelTopology.start();
         RedisFixture outbox = RedisFixture.start();
         LogLines logs = LogLines.capture();
         TestNode app = TestNode.start(new OutboxService(outbox.url(), RUN_MS),
           redis.sentinelUrls().get(0), sentinelNode(redis, 0))) {
      ClientFireLoad load = ClientFireLoad.start(app.node.tasks(), "outbox", RATE, "z");
      Thread.sleep(3_000);
      long switchedAt = redis.failover();
      // the wake subscription moved too: a delayed task fired on the new master is promoted well before Sentinel
      // demotes the old master (which would also end a subscription left there)
      Thread.sleep(1_000);
      String late = "delayed-after-switch";
      app.node.tasks().task("outbox").delay(Duration.ofMillis(300)).fire(late).await();
      until(Duration.ofSeconds(6), () -> runs(outbox.port()).containsKey(late));
      System.out.printf("delayed task fired after the switch ran by %d ms after it%n",
        System.currentTimeMillis() - switchedAt);
      Thread.sleep(3_000);
      load.stop();
      List<String> accepted = load.tokens(ClientFireLoad.Outcome.ACCEPTED);
      // every accepted task either ran, or is among those the node reported lost
      until(Duration.ofSeconds(60), () -> drained(app)); // the backlog ran
      Map<String, Integer> runs = runs(outbox.port());
      List<String> lost = accepted.stream().filter(t -> !runs.containsKey(t)).toList();
      long duplicates = runs.values().stream().filter(n -> n > 1).count();
      long reported = app.node.losses().lostTasks("default");
      System.out.printf("ackReplicas=0: fired %d, accepted %d, failed %d, lost %d (reported by the node: %d), ran "
          + "twice or more %d%n", load.fired(), accepted.size(), load.tokens(ClientFireLoad.Outcome.FAILED).size(),
        lost.size(), reported, duplicates);
      assertThat(app.node.losses().lostTaskIds()).as("every lost task was reported by its id")
        .containsAll(lost.stream().map(load::taskId).toList());
      if (reported > 0) {
        assertThat(logs.where(l -> "ERROR".equals(l.getString("level"))
          && l.getString("msg", "").contains("Redis lost"))).isNotEmpty();
        var ready = app.client.get("/health/ready").send().await();
        assertThat(ready.statusCode()).as("a loss is reported, not a reason to leave service").isEqualTo(200);
        assertThat(ready.bodyAsJsonObject().getJsonObject("data").getString("status")).isEqualTo("lost");
      }
    }
  }

  /** Nothing is waiting or running in the queue (as the master has it now). */
  static boolean drained(TestNode app) {
    QueueCounts c = new Queues(app.node.redis(), app.prefix).get("default").compose(RedisQueue::counts).await();
    return c.ready() + c.pending() + c.delayed() + c.retrying() == 0;
  }

  /** token -> runs, from the outbox. */
  static Map<String, Integer> runs(int outboxPort) {
    List<?> flat = (List<?>) Resp.call(outboxPort, "HGETALL", OutboxService.RUNS);
    Map<String, Integer> runs = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      runs.put(flat.get(i).toString(), Integer.parseInt(flat.get(i + 1).toString()));
    }
    return runs;
  }

  /** The earliest {@code started_at} at or after {@code fromMs} among the task hashes on {@code port}. */
  static long firstStartOnMaster(int port, String prefix, long fromMs) {
    long first = Long.MAX_VALUE;
    String cursor = "0";
    do {
      List<?> page = (List<?>) Resp.call(port, "SCAN", cursor, "MATCH", prefix + ":{default}:task:*", "COUNT", "1000");
      cursor = page.get(0).toString();
      for (Object key : (List<?>) page.get(1)) {
        String started = Resp.text(port, "HGET", key.toString(), "started_at");
        if (started != null && Long.parseLong(started) >= fromMs) {
          first = Math.min(first, Long.parseLong(started));
        }
      }
    } while (!cursor.equals("0"));
    return first;
  }
}
