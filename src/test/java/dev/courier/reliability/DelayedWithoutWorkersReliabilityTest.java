package dev.courier.reliability;

import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskReceipt;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Issue 14, fault 5: workers scaled to zero while delayed tasks fall due. With only an API node running, tasks fired
 * due in 2 s must be queued (ready) within 1 s of their due time, and a worker node started later must run them at
 * once: its first within 1 s of its start, and all of them. Both nodes run in this JVM. 10 tasks by default, 5,000
 * under -Preliability.
 */
class DelayedWithoutWorkersReliabilityTest {

  private static final Duration DUE_IN = Duration.ofSeconds(2);

  @Test
  void delayedTasksFallDueOnAnApiNodeAloneAndALaterWorkerRunsThemAtOnce() throws Exception {
    run(10);
  }

  @Test
  @Tag("reliability")
  void fiveThousandDelayedTasksFallDueOnAnApiNodeAloneAndALaterWorkerRunsThemAtOnce() throws Exception {
    run(5_000);
  }

  private void run(int tasks) throws Exception {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    QueueKeys keys = new QueueKeys(prefix, "default");
    try (RedisLook look = RedisLook.at(url);
         TestNode api = TestNode.start(new OutboxTaskService(), url, prefix, new JsonObject().put("role", "api"))) {
      TaskCall deliver = api.node.tasks().task("deliver").delay(DUE_IN);
      Set<String> ids = new LinkedHashSet<>();
      long firing = System.currentTimeMillis();
      for (int from = 0; from < tasks; from += 1_000) {
        List<List<?>> calls = new ArrayList<>();
        for (int i = from; i < Math.min(tasks, from + 1_000); i++) {
          calls.add(List.of("user" + i + "@example.com"));
        }
        for (TaskReceipt receipt : deliver.fireAll(calls).await(60, TimeUnit.SECONDS)) {
          ids.add(receipt.taskId());
        }
      }
      long lastDue = look.lastDelayedScore(keys.delayed());
      if (lastDue < 0) {
        throw new AssertionError("no task in the delayed set right after the fire: were they fired delayed?");
      }
      // queued within 1 s of the last due time: watched until 5 s past it, to tell late from never
      long queuedAt = -1;
      while (System.currentTimeMillis() < lastDue + 5_000) {
        if (look.cardinality(keys.delayed()) == 0) {
          queuedAt = System.currentTimeMillis();
          break;
        }
        Thread.sleep(20);
      }
      long lateMs = queuedAt < 0 ? -1 : queuedAt - lastDue;
      List<String> notQueued = look.awaitState(prefix, "default", ids, "queued", Duration.ZERO);

      Thread.sleep(1_000); // the worker comes later
      long starting = System.currentTimeMillis();
      long firstRunMs;
      Outcome outcome;
      long startMs;
      try (TestNode worker = TestNode.start(new OutboxTaskService(), url, prefix,
        new JsonObject().put("role", "worker"))) {
        long started = System.currentTimeMillis();
        startMs = started - starting;
        List<String> all = List.copyOf(ids);
        firstRunMs = look.firstEffect(prefix, () -> all, started, Duration.ofSeconds(10));
        outcome = look.outcome(prefix, ids, Duration.ofSeconds(60));
      }

      Figures.of("delayed-without-workers").put("tasks", tasks).put("due_in_s", DUE_IN.toSeconds())
        .put("last_due_ms_after_firing", lastDue - firing)
        .put("queued_ms_after_last_due", lateMs).put("not_queued", notQueued.size())
        .put("worker_start_ms", startMs).put("first_run_ms_after_worker_ready", firstRunMs)
        .put("lost", outcome.lost().size()).put("duplicate_effects", outcome.duplicated().size()).record();

      SoftAssertions.assertSoftly(soft -> {
        soft.assertThat(lateMs).as("ms from the last due time to every task queued, with only an API node (-1: not "
          + "within 5 s)").isBetween(0L, 1_000L);
        soft.assertThat(notQueued.size()).as("tasks not queued before any worker ran").isZero();
        soft.assertThat(firstRunMs).as("ms from the worker's start to its first run").isBetween(0L, 1_000L);
        soft.assertThat(outcome.lost()).as("tasks the worker never ran").isEmpty();
        soft.assertThat(outcome.duplicated()).as("effects applied twice").isEmpty();
      });
    }
  }
}
