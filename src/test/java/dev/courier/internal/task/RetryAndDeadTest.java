package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.task.AsyncTask;
import dev.courier.task.NoRetry;

import dev.courier.internal.testing.Eventually;
import dev.courier.context.CallContext;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.worker.RetryPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed attempts are retried with backoff until they succeed, run out, say NoRetry or time out; then they are dead. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryAndDeadTest {

  /** What a run saw of its own context. */
  record Seen(String taskId, int attempt, Object principal, String requestId, boolean eventLoop, boolean worker) {
    static Seen now() {
      CallContext call = CallContext.current();
      return new Seen(call.taskId(), call.attempt(), call.principal(), call.requestId(),
        Context.isOnEventLoopThread(), Context.isOnWorkerThread());
    }
  }

  static final Map<String, List<Seen>> RUNS = new ConcurrentHashMap<>();

  private static int record(String runId) {
    List<Seen> runs = RUNS.computeIfAbsent(runId, k -> new CopyOnWriteArrayList<>());
    runs.add(Seen.now());
    return runs.size();
  }

  public static final class Tasks {
    @AsyncTask(maxAttempts = 3)
    public void flaky(String runId) {
      int run = record(runId);
      if (run < 3) {
        throw new IllegalStateException("flaky run " + run);
      }
    }

    @AsyncTask(maxAttempts = 2)
    public void broken(String runId) {
      record(runId);
      throw new IllegalStateException("always broken " + runId);
    }

    @AsyncTask(maxAttempts = 5)
    public void hopeless(String runId) {
      record(runId);
      throw new NoRetry("hopeless " + runId);
    }

    @AsyncTask(maxAttempts = 1, timeoutSeconds = 1)
    public void slow(String runId) throws InterruptedException {
      record(runId);
      Thread.sleep(6000);
    }

    @AsyncTask
    public Future<Void> onLoop(String runId) {
      record(runId);
      return Future.succeededFuture();
    }

    @AsyncTask
    public void blocking(String runId) {
      record(runId);
    }
  }

  private TestNode app;

  @BeforeAll
  void start() {
    app = TestNode.start(new TaskTestService(new Tasks()), RedisFixture.shared().url(), new JsonObject()
      .put("role", "all")
      .put("tasks", new JsonObject().put("backoffBaseMillis", 20).put("backoffMaxMillis", 100).put("leaseSeconds", 5)));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private String fire(String task, String runId) {
    return app.node.tasks().task(task).fire(runId).await().taskId();
  }

  private TaskStatus finished(String id, TaskState state) {
    TaskStatus s = Eventually.until(Duration.ofSeconds(15), () -> TaskTestService.status(app, id),
      st -> st != null && st.state().isFinal());
    assertThat(s.state()).as("last error: %s", s.lastError()).isEqualTo(state);
    return s;
  }

  @Test
  void a_task_failing_twice_succeeds_on_its_third_attempt() {
    String runId = "flaky-" + System.nanoTime();
    String id = fire("flaky", runId);
    TaskStatus done = finished(id, TaskState.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(3);
    assertThat(RUNS.get(runId)).extracting(Seen::attempt).containsExactly(1, 2, 3);
    assertThat(RUNS.get(runId)).extracting(Seen::taskId).containsOnly(id);
  }

  @Test
  void a_task_that_always_fails_is_dead_after_its_last_attempt_with_the_error() {
    String runId = "broken-" + System.nanoTime();
    String id = fire("broken", runId);
    TaskStatus dead = finished(id, TaskState.DEAD);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.lastError()).contains("always broken " + runId);
    assertThat(RUNS.get(runId)).hasSize(2);
    assertThat(app.node.redis().send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.ZSCORE)
      .arg(app.prefix + ":{default}:dead").arg(id)).await()).isNotNull();
  }

  @Test
  void no_retry_buries_a_task_after_one_attempt() {
    String runId = "hopeless-" + System.nanoTime();
    String id = fire("hopeless", runId);
    TaskStatus dead = finished(id, TaskState.DEAD);
    assertThat(dead.attempts()).isEqualTo(1);
    assertThat(dead.lastError()).contains("NoRetry").contains("hopeless " + runId);
    assertThat(RUNS.get(runId)).hasSize(1);
  }

  @Test
  void a_blocking_run_past_its_timeout_is_a_failed_attempt() {
    String runId = "slow-" + System.nanoTime();
    String id = fire("slow", runId);
    TaskStatus dead = finished(id, TaskState.DEAD);
    assertThat(dead.attempts()).isEqualTo(1);
    assertThat(dead.lastError()).contains("timed out");
    assertThat(java.time.Duration.between(dead.startedAt(), dead.finishedAt()).toMillis()).as("buried at the timeout, not when the body ended")
      .isLessThan(4500);
  }

  @Test
  void a_future_task_runs_on_the_event_loop_with_its_call_context() {
    String runId = "loop-" + System.nanoTime();
    String id = fire("onLoop", runId);
    finished(id, TaskState.SUCCEEDED);
    assertThat(RUNS.get(runId)).containsExactly(new Seen(id, 1, null, null, true, false));
  }

  @Test
  void a_blocking_task_runs_on_a_worker_thread_with_its_call_context() {
    String runId = "blocking-" + System.nanoTime();
    String id = fire("blocking", runId);
    finished(id, TaskState.SUCCEEDED);
    assertThat(RUNS.get(runId)).containsExactly(new Seen(id, 1, null, null, false, true));
  }

  @Test
  void backoff_doubles_per_attempt_within_jitter_and_stops_at_the_cap() {
    RetryPolicy policy = new RetryPolicy(20, 100);
    long[] ceilings = {20, 40, 80, 100, 100, 100};
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      long ceiling = ceilings[attempt - 1];
      for (int i = 0; i < 200; i++) {
        assertThat(policy.backoff(attempt)).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
      }
    }
    RetryPolicy wide = new RetryPolicy(1000, 3_600_000);
    for (int attempt : new int[] {1, 2, 13, 40, 64, Integer.MAX_VALUE}) {
      long ceiling = Math.min(3_600_000, 1000L << Math.min(attempt - 1, 40));
      assertThat(wide.backoff(attempt)).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
    }
  }
}
