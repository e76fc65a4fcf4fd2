package dev.courier.internal.worker;

import dev.courier.context.CallContext;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TaskTestService;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking bodies that ignore their interrupt and overrun their timeout: their retry waits for their thread (so a task
 * never runs twice at once, on any node), one that never lets go is buried after a grace of one more timeout, and
 * readiness and the running gauge show the slots they hold.
 */
class OverrunTest {

  private static final List<Run> RUNS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger INTERRUPTS = new AtomicInteger();
  private static final AtomicInteger HANG_STARTS = new AtomicInteger();
  private static volatile CountDownLatch letGo = new CountDownLatch(1);

  /** One run of a body: which attempt, and when it held its thread (nanoTime: both nodes share this JVM). */
  record Run(String taskId, int attempt, long startNanos, long endNanos) {
  }

  public static final class Stubborn {
    /** Its first attempt runs 3 s whatever happens: the 2 s timeout and its interrupt cannot shorten it. */
    @AsyncTask(name = "overrun", timeoutSeconds = 2, maxAttempts = 2)
    public void overrun(String label) {
      CallContext call = CallContext.current();
      long start = System.nanoTime();
      long end = start + (call.attempt() == 1 ? 3_000_000_000L : 20_000_000L);
      while (System.nanoTime() < end) {
        try {
          TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        } catch (InterruptedException e) {
          INTERRUPTS.incrementAndGet();
        }
      }
      RUNS.add(new Run(call.taskId(), call.attempt(), start, System.nanoTime()));
    }

    /** Holds its thread until the test lets go, whatever its 1 s timeout says. */
    @AsyncTask(name = "hang", timeoutSeconds = 1, maxAttempts = 3)
    public void hang(String label) {
      HANG_STARTS.incrementAndGet();
      while (true) {
        try {
          letGo.await();
          return;
        } catch (InterruptedException e) {
          INTERRUPTS.incrementAndGet();
        }
      }
    }
  }

  private static JsonObject tasks(String role, int concurrency) {
    return new JsonObject().put("role", role).put("tasks", new JsonObject().put("concurrency", concurrency)
      .put("backoffBaseMillis", 100).put("backoffMaxMillis", 200));
  }

  @Test
  void a_body_that_ignores_its_interrupt_is_retried_only_once_its_thread_is_free_on_any_node() {
    RUNS.clear();
    INTERRUPTS.set(0);
    String url = RedisFixture.shared().url();
    try (TestNode a = TestNode.start(new TaskTestService(new Stubborn()), url, tasks("all", 2));
         TestNode b = TestNode.start(new TaskTestService(new Stubborn()), url, a.prefix, tasks("worker", 2))) {
      TaskProbe probe = new TaskProbe(a);
      String id = a.node.tasks().task("overrun").fire("x").await().taskId();

      until(Duration.ofSeconds(10), () -> INTERRUPTS.get() > 0); // its timeout passed; the body goes on
      assertThat(probe.state(id)).as("no retry written while the body holds its thread").isEqualTo("running");
      assertThat(a.node.workers().running() + b.node.workers().running()).isEqualTo(1);

      until(Duration.ofSeconds(10), () -> probe.state(id).equals("succeeded"));
      List<Run> runs = new ArrayList<>(RUNS);
      runs.sort(Comparator.comparingInt(Run::attempt));
      assertThat(runs).extracting(Run::attempt).containsExactly(1, 2);
      assertThat(runs.get(1).startNanos()).as("attempt 2 began after attempt 1 let go of its thread")
        .isGreaterThan(runs.get(0).endNanos());
      assertThat(probe.status(id).attempts()).isEqualTo(2);
      assertThat(probe.status(id).lastError()).contains("timed out after 2000 ms");
    }
  }

  @Test
  void a_body_that_never_lets_go_is_buried_after_a_grace_and_readiness_says_all_slots_are_held() {
    HANG_STARTS.set(0);
    letGo = new CountDownLatch(1);
    try (TestNode app = TestNode.start(new TaskTestService(new Stubborn()), RedisFixture.shared().url(),
      tasks("all", 2))) {
      TaskProbe probe = new TaskProbe(app);
      String first = app.node.tasks().task("hang").fire("1").await().taskId();
      String second = app.node.tasks().task("hang").fire("2").await().taskId();

      HttpResponse<Buffer> held = until(Duration.ofSeconds(10), () -> app.client.get("/health/ready").send().await(),
        r -> r.statusCode() == 503);
      assertThat(held.bodyAsString()).contains("all 2 slots held by bodies past their timeout");
      assertThat(app.node.workers().running()).isEqualTo(2);

      until(Duration.ofSeconds(10), () -> probe.state(first).equals("dead") && probe.state(second).equals("dead"));
      assertThat(probe.status(first).lastError())
        .startsWith("its body ignored the interrupt and still held its thread 1 s after its timeout");
      assertThat(probe.status(first).attempts()).as("buried, not retried beside the stuck body").isEqualTo(1);
      assertThat(HANG_STARTS.get()).isEqualTo(2);
      assertThat(app.node.workers().stats().stuck()).isEqualTo(2);
      // buried, but their threads are still taken: still running (what courier_worker_tasks_running reads), still no
      // slot free
      assertThat(app.node.workers().running()).isEqualTo(2);
      assertThat(app.client.get("/health/ready").send().await().statusCode()).isEqualTo(503);

      letGo.countDown();
      until(Duration.ofSeconds(10), () -> app.client.get("/health/ready").send().await().statusCode() == 200);
      until(Duration.ofSeconds(5), () -> app.node.workers().running() == 0);
      assertThat(HANG_STARTS.get()).as("a buried task never runs again").isEqualTo(2);
    } finally {
      letGo.countDown();
    }
  }
}
