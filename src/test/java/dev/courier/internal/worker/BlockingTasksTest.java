package dev.courier.internal.worker;

import dev.courier.context.CallContext;
import dev.courier.example.signup.SignupService;
import dev.courier.internal.queue.Queues;
import dev.courier.task.TaskStatus;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.ServiceWithTasks;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking task bodies that overrun their timeout (and ignore the interrupt) run on the node's own pool: the HTTP API
 * keeps answering at once (readiness answers too, and says when every slot is held by such a body), and no body starts
 * after its attempt ended.
 */
class BlockingTasksTest {

  private static final int CONCURRENCY = 4;
  private static volatile Queues queues;
  private static final Map<String, Integer> startsByAttempt = new ConcurrentHashMap<>();
  private static final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private static final AtomicInteger interrupted = new AtomicInteger();

  /** A blocking task that runs 1.5 s whatever happens: its 1 s timeout (and the interrupt) cannot shorten it. */
  public static final class Stubborn {
    @AsyncTask(name = "stubborn", timeoutSeconds = 1, maxAttempts = 2)
    public void stubborn(String id) throws Exception {
      CallContext call = CallContext.current();
      startsByAttempt.merge(call.taskId() + "#" + call.attempt(), 1, Integer::sum);
      TaskStatus now = queues.get("default").compose(q -> q.status(call.taskId()))
        .toCompletionStage().toCompletableFuture().get();
      if (!now.state().wireName().equals("running") || now.attempts() != call.attempt()) {
        violations.add(call.taskId() + " attempt " + call.attempt() + " started while the task was "
          + now.state().wireName() + " at attempt " + now.attempts());
      }
      long deadline = System.nanoTime() + 1_500_000_000L;
      while (System.nanoTime() < deadline) {
        try {
          Thread.sleep(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
        }
      }
    }
  }

  @Test
  void stuck_blocking_tasks_neither_freeze_the_api_nor_start_after_their_attempt_ended() {
    JsonObject config = new JsonObject().put("role", "all").put("tasks", new JsonObject()
      .put("concurrency", CONCURRENCY).put("backoffBaseMillis", 100).put("backoffMaxMillis", 200));
    try (TestNode app = TestNode.start(new ServiceWithTasks(new SignupService(), new Stubborn()),
      RedisFixture.shared().url(), config)) {
      queues = new Queues(app.node.redis(), app.prefix);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 2 * CONCURRENCY; i++) {
        ids.add(app.node.tasks().task("stubborn").fire("s" + i).await().taskId());
      }
      until(Duration.ofSeconds(5), () -> startsByAttempt.size() >= CONCURRENCY);

      String bearer = Tokens.bearer(app.vertx, "api-user");
      List<Long> readyMs = new ArrayList<>();
      List<Long> postMs = new ArrayList<>();
      long end = System.nanoTime() + 2_500_000_000L; // across the first timeouts and the overrun after them
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        var ready = app.client.get("/health/ready").send().await();
        if (ready.statusCode() != 200) { // while all 4 bodies overrun their timeout it says so (OverrunTest)
          assertThat(ready.statusCode()).isEqualTo(503);
          assertThat(ready.bodyAsString()).contains("all 4 slots held by bodies past their timeout");
        }
        long t1 = System.nanoTime();
        assertThat(app.client.post("/v1/emails").putHeader("Authorization", bearer).sendJsonObject(new JsonObject()
          .put("to", "x@example.org").put("subject", "s").put("body", "b")).await().statusCode()).isEqualTo(202);
        long t2 = System.nanoTime();
        readyMs.add((t1 - t0) / 1_000_000);
        postMs.add((t2 - t1) / 1_000_000);
      }

      assertThat(percentile(readyMs, 0.9)).as("GET /health/ready p90 ms, all: %s", readyMs).isLessThanOrEqualTo(100);
      assertThat(percentile(postMs, 0.9)).as("POST /v1/emails p90 ms, all: %s", postMs).isLessThanOrEqualTo(100);
      assertThat(Collections.max(readyMs)).isLessThan(1000);
      assertThat(Collections.max(postMs)).isLessThan(1000);

      until(Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> status(id).state().wireName().equals("dead")));
      assertThat(violations).isEmpty();
      Set<String> expected = new java.util.HashSet<>();
      ids.forEach(id -> {
        expected.add(id + "#1");
        expected.add(id + "#2");
      });
      assertThat(startsByAttempt.keySet()).as("every attempt ran, none twice").isEqualTo(expected);
      assertThat(startsByAttempt.values()).containsOnly(1);
      assertThat(interrupted.get()).as("timed-out bodies were interrupted").isPositive();
      assertThat(status(ids.get(0)).lastError()).contains("timed out after 1000 ms");
    }
  }

  private static TaskStatus status(String id) {
    return queues.get("default").compose(q -> q.status(id)).await();
  }

  private static long percentile(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }
}
