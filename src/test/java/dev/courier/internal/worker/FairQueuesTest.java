package dev.courier.internal.worker;

import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.ServiceWithTasks;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two queues that only their {@code @AsyncTask}s name (not in {@code tasks.queues}): both are consumed, and a task on
 * one starts at once while the other has a long backlog, at concurrency 1 and 16.
 */
class FairQueuesTest {

  /** A backlog task on queue "bulk" (50 ms each) and a lone task on queue "urgent". */
  public static final class TwoQueues {
    final Vertx vertx;
    final AtomicInteger bulkDone = new AtomicInteger();
    final AtomicLong urgentStartedAt = new AtomicLong();

    TwoQueues(Vertx vertx) {
      this.vertx = vertx;
    }

    @AsyncTask(name = "bulk", queue = "bulk")
    public Future<Void> bulk(int i) {
      return vertx.timer(50).onSuccess(t -> bulkDone.incrementAndGet()).mapEmpty();
    }

    @AsyncTask(name = "urgent", queue = "urgent")
    public Future<Void> urgent(String id) {
      urgentStartedAt.set(System.nanoTime());
      return Future.succeededFuture();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16})
  void a_queue_with_one_task_is_served_while_another_has_a_backlog(int concurrency) {
    Vertx vertx = Vertx.vertx();
    TwoQueues tasks = new TwoQueues(vertx);
    int backlog = concurrency * 60; // about 3 s of work at 50 ms a task
    try (TestNode app = TestNode.start(new ServiceWithTasks(new SlowTaskService("s"), tasks),
      RedisFixture.shared().url(),
      new JsonObject().put("role", "all").put("tasks", new JsonObject().put("concurrency", concurrency)))) {
      for (int i = 0; i < backlog; i++) {
        app.node.tasks().task("bulk").fire(i).await();
      }
      until(Duration.ofSeconds(10), () -> tasks.bulkDone.get() >= concurrency);

      long firedAt = System.nanoTime();
      app.node.tasks().task("urgent").fire("now").await();
      until(Duration.ofSeconds(10), () -> tasks.urgentStartedAt.get() != 0);

      long waitedMs = (tasks.urgentStartedAt.get() - firedAt) / 1_000_000;
      assertThat(tasks.bulkDone.get()).as("the backlog was still there").isLessThan(backlog - concurrency);
      assertThat(waitedMs).as("the urgent task waited no more than one fetch round").isLessThan(1000);
    } finally {
      vertx.close().await();
    }
  }
}
