package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.testing.Eventually;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.task.NoRetry;
import dev.courier.task.TaskReceipt;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's status read through the public API ({@code TaskClient.status}) in each state, with its result. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskStatusTest {

  record Receipt(String to, int copies, Instant at) { }

  static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
  static final Map<String, Boolean> FAILED_ONCE = new ConcurrentHashMap<>();
  static final String NEVER_LOGGED = "value-that-must-not-reach-the-log";

  public static final class Tasks {
    /** Blocking, with a result: runs until its gate opens. */
    @AsyncTask
    public String held(String key) throws InterruptedException {
      boolean opened = GATES.computeIfAbsent(key, k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS);
      return "released " + key + " " + opened;
    }

    /** On the event loop, with a record result. */
    @AsyncTask
    public Future<Receipt> receipt(String to, int copies) {
      return Future.succeededFuture(new Receipt(to, copies, Instant.parse("2026-01-02T03:04:05.678Z")));
    }

    @AsyncTask
    public List<String> huge(int copies) {
      return Collections.nCopies(copies, NEVER_LOGGED);
    }

    @AsyncTask(maxAttempts = 3)
    public void failsOnce(String key) {
      if (FAILED_ONCE.putIfAbsent(key, true) == null) {
        throw new IllegalStateException("first attempt of " + key);
      }
    }

    @AsyncTask
    public Future<Void> refused(String key) {
      return Future.failedFuture(new NoRetry("refused " + key));
    }
  }

  private TestNode app;

  @BeforeAll
  void start() {
    // a long backoff keeps a failed task visibly retrying; results over 1 KiB are not stored
    app = TestNode.start(new TaskTestService(new Tasks()), RedisFixture.shared().url(), new JsonObject()
      .put("role", "all").put("tasks", new JsonObject().put("backoffBaseMillis", 60_000).put("backoffMaxMillis", 60_000)
        .put("maxResultBytes", 1024)));
  }

  @AfterAll
  void stop() {
    GATES.values().forEach(CountDownLatch::countDown);
    app.close();
  }

  private Optional<TaskStatus> status(String id) {
    return app.node.tasks().status(id).await();
  }

  private TaskStatus until(String id, TaskState state) {
    return Eventually.until(Duration.ofSeconds(10), () -> status(id).orElse(null),
      s -> s != null && s.state() == state);
  }

  @Test
  void a_delayed_task_is_delayed_until_its_due_time() {
    TaskReceipt receipt = app.node.tasks().task("receipt").delay(Duration.ofMinutes(5)).fire("d@example.org", 1)
      .await();

    TaskStatus s = status(receipt.taskId()).orElseThrow();

    assertThat(s.state()).isEqualTo(TaskState.DELAYED);
    assertThat(s.taskId()).isEqualTo(receipt.taskId());
    assertThat(s.task()).isEqualTo("receipt");
    assertThat(s.queue()).isEqualTo("default");
    assertThat(s.dueAt()).isEqualTo(receipt.dueAt());
    assertThat(s.enqueuedAt()).isBefore(s.dueAt());
    assertThat(s.attempts()).isZero();
    assertThat(s.startedAt()).isNull();
    assertThat(s.result(Receipt.class)).isEmpty();
  }

  @Test
  void a_task_no_worker_consumes_is_queued() {
    try (TestNode api = TestNode.start(new TaskTestService(new Tasks()), RedisFixture.shared().url(),
      new JsonObject().put("role", "api"))) {
      String id = api.node.tasks().task("receipt").fire("q@example.org", 1).await().taskId();

      TaskStatus s = api.node.tasks().status(id).await().orElseThrow();

      assertThat(s.state()).isEqualTo(TaskState.QUEUED);
      assertThat(s.state().isFinal()).isFalse();
      assertThat(s.subject()).as("fired outside a request").isNull();
    }
  }

  @Test
  void a_running_task_then_its_result() {
    String key = "held-" + System.nanoTime();
    GATES.put(key, new CountDownLatch(1));
    String id = app.node.tasks().task("held").fire(key).await().taskId();

    TaskStatus running = until(id, TaskState.RUNNING);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(running.startedAt()).isNotNull();
    assertThat(running.finishedAt()).isNull();
    assertThat(running.resultJson()).isNull();

    GATES.get(key).countDown();
    TaskStatus done = until(id, TaskState.SUCCEEDED);
    assertThat(done.result(String.class)).contains("released " + key + " true");
    assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
    assertThat(done.resultError()).isNull();
  }

  @Test
  void a_record_result_is_stored_and_mapped_back() {
    String id = app.node.tasks().task("receipt").fire("r@example.org", 3).await().taskId();

    TaskStatus done = until(id, TaskState.SUCCEEDED);

    assertThat(done.result(Receipt.class))
      .contains(new Receipt("r@example.org", 3, Instant.parse("2026-01-02T03:04:05.678Z")));
    assertThat(done.resultJson()).isEqualTo(
      "{\"to\":\"r@example.org\",\"copies\":3,\"at\":\"2026-01-02T03:04:05.678Z\"}");
  }

  @Test
  void an_oversized_result_is_not_stored_the_task_succeeds_and_the_status_says_why() {
    Logger log = (Logger) LoggerFactory.getLogger("dev.courier.internal.worker.TaskResults");
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    try {
      String id = app.node.tasks().task("huge").fire(100).await().taskId();

      TaskStatus done = until(id, TaskState.SUCCEEDED);

      assertThat(done.attempts()).isEqualTo(1);
      assertThat(done.resultJson()).isNull();
      assertThat(done.result(List.class)).isEmpty();
      assertThat(done.resultError()).isEqualTo("result over tasks.maxResultBytes (1024 bytes)");
      List<ILoggingEvent> warned = events.list.stream().filter(e -> e.getFormattedMessage().contains(id)).toList();
      assertThat(warned).hasSize(1);
      assertThat(warned.get(0).getLevel().toString()).isEqualTo("WARN");
      assertThat(warned.get(0).getFormattedMessage()).contains("huge").contains("not stored")
        .doesNotContain(NEVER_LOGGED);
    } finally {
      log.detachAppender(events);
    }
  }

  @Test
  void a_result_just_under_the_bound_is_stored() {
    // n copies of the 33-character value are 36 n + 1 bytes of JSON: 25 make 901, under the bound of 1024
    String id = app.node.tasks().task("huge").fire(25).await().taskId();

    TaskStatus done = until(id, TaskState.SUCCEEDED);

    assertThat(done.result(List.class).orElseThrow()).hasSize(25);
    assertThat(done.resultError()).isNull();
  }

  @Test
  void a_failed_attempt_is_retrying_with_its_error() {
    String key = "once-" + System.nanoTime();
    String id = app.node.tasks().task("failsOnce").fire(key).await().taskId();

    TaskStatus retrying = until(id, TaskState.RETRYING);

    assertThat(retrying.attempts()).isEqualTo(1);
    assertThat(retrying.maxAttempts()).isEqualTo(3);
    assertThat(retrying.lastError()).isEqualTo("IllegalStateException: first attempt of " + key);
    assertThat(retrying.dueAt()).isAfter(Instant.now().plusSeconds(30));
    assertThat(retrying.state().isFinal()).isFalse();
  }

  @Test
  void a_refused_task_is_dead_with_the_reason() {
    String id = app.node.tasks().task("refused").fire("x").await().taskId();

    TaskStatus dead = until(id, TaskState.DEAD);

    assertThat(dead.lastError()).contains("refused x");
    assertThat(dead.finishedAt()).isNotNull();
    assertThat(dead.state().isFinal()).isTrue();
    assertThat(dead.result(String.class)).isEmpty();
  }

  @Test
  void the_status_of_an_unknown_id_is_empty() {
    assertThat(status("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEmpty();
  }

  @Test
  void a_damaged_hash_gives_a_defined_answer_not_a_failure() {
    String id = "01ARZ3NDEKTSV4RRFFQ69G5FAW";
    RedisAPI.api(app.node.redis()).hset(List.of(new QueueKeys(app.prefix, "default").task(id), "state", "exploded",
      "attempts", "NaN", "max_attempts", "", "finished_at", "later", "task", "receipt", "result", "{not json")).await();

    TaskStatus s = status(id).orElseThrow();

    assertThat(s.state()).isEqualTo(TaskState.UNKNOWN);
    assertThat(s.attempts()).isZero();
    assertThat(s.maxAttempts()).isZero();
    assertThat(s.finishedAt()).isNull();
    assertThat(s.task()).isEqualTo("receipt");
  }
}
