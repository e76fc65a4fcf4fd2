package dev.courier.internal.worker;

import dev.courier.context.CallContext;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TaskTestService;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Future} tasks that overrun their timeout fail as blocking ones do, and their late result is ignored, even
 * when the body blocks the event loop it runs on: with {@code tasks.workers} 1 that is the home loop too, so the
 * timeout must not wait for that loop to fire.
 */
class FutureTaskTimeoutTest {

  public static final class LoopTasks {
    /** Attempt 1 blocks its event loop 1.6 s (on purpose: the case under test), then succeeds; later ones at once. */
    @AsyncTask(name = "blocksLoop", timeoutSeconds = 1, maxAttempts = 2)
    public Future<Void> blocksLoop(String label) throws InterruptedException {
      if (CallContext.current().attempt() == 1) {
        boolean ignored = new CountDownLatch(1).await(1_600, TimeUnit.MILLISECONDS);
      }
      return Future.succeededFuture();
    }

    /** Answers after 1.6 s without blocking anything: past its 1 s timeout. */
    @AsyncTask(name = "answersLate", timeoutSeconds = 1, maxAttempts = 1)
    public Future<String> answersLate(String label) {
      return Vertx.currentContext().owner().timer(1_600).map("too late");
    }
  }

  @Test
  void future_tasks_past_their_timeout_fail_even_when_they_block_their_loop() {
    try (TestNode app = TestNode.start(new TaskTestService(new LoopTasks()), RedisFixture.shared().url(),
      new JsonObject().put("role", "all").put("tasks", new JsonObject().put("workers", 1)
        .put("backoffBaseMillis", 100).put("backoffMaxMillis", 200)))) {
      TaskProbe probe = new TaskProbe(app);
      String blocking = app.node.tasks().task("blocksLoop").fire("b").await().taskId();
      String late = app.node.tasks().task("answersLate").fire("l").await().taskId();

      until(Duration.ofSeconds(15),
        () -> probe.state(blocking).equals("succeeded") && probe.state(late).equals("dead"));
      assertThat(probe.status(blocking).attempts()).as("attempt 1 timed out although it blocked the loop")
        .isEqualTo(2);
      assertThat(probe.status(blocking).lastError()).contains("timed out after 1000 ms");
      assertThat(probe.status(late).lastError()).contains("timed out after 1000 ms");
      assertThat(probe.status(late).resultJson()).as("the late answer is ignored").isNull();
      assertThat(app.node.workers().stats().retried()).isEqualTo(1);
      assertThat(app.node.workers().stats().succeeded()).as("only attempt 2 of blocksLoop").isEqualTo(1);
    }
  }
}
