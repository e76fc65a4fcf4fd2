package dev.courier.internal.worker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.context.CallContext;
import dev.courier.internal.testing.Resp;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TaskTestService;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outcome write that Redis refuses once (a real refusal: {@code min-replicas-to-write} with no replica answers
 * NOREPLICAS to every write) is tried again once Redis takes writes, so the task is neither re-run after its lease nor
 * run a third time.
 */
class OutcomeWriteRetryTest {

  private static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
  private static volatile int port;

  public static final class Refusing {
    /** Attempt 1 makes Redis refuse writes, then succeeds ({@code fail} false) or fails; later ones just succeed. */
    @AsyncTask(name = "refusing", maxAttempts = 3)
    public void refusing(boolean fail) {
      CallContext call = CallContext.current();
      STARTS.computeIfAbsent(call.taskId(), id -> new AtomicInteger()).incrementAndGet();
      if (call.attempt() == 1) {
        Resp.call(port, "CONFIG", "SET", "min-replicas-to-write", "1");
        if (fail) {
          throw new IllegalStateException("first attempt fails");
        }
      }
    }
  }

  @Test
  void a_refused_outcome_write_is_tried_again_and_the_task_is_not_run_again() {
    Logger runnerLog = (Logger) LoggerFactory.getLogger(TaskRunner.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    runnerLog.addAppender(events);
    try (RedisFixture redis = RedisFixture.start();
         TestNode app = TestNode.start(new TaskTestService(new Refusing()), redis.url(), new JsonObject()
           .put("role", "all").put("tasks", new JsonObject().put("backoffBaseMillis", 100)
             .put("backoffMaxMillis", 200)))) {
      port = redis.port();
      TaskProbe probe = new TaskProbe(app);

      String succeeds = app.node.tasks().task("refusing").fire(false).await().taskId();
      refusedOnceThenAccepted(events, succeeds);
      until(Duration.ofSeconds(10), () -> probe.state(succeeds).equals("succeeded"));
      assertThat(probe.status(succeeds).attempts()).isEqualTo(1);

      String fails = app.node.tasks().task("refusing").fire(true).await().taskId();
      refusedOnceThenAccepted(events, fails);
      until(Duration.ofSeconds(10), () -> probe.state(fails).equals("succeeded"));
      assertThat(probe.status(fails).attempts()).as("the retry was written, then attempt 2 ran").isEqualTo(2);
      assertThat(probe.status(fails).lastError()).contains("first attempt fails");

      assertThat(STARTS.get(succeeds).get()).as("never re-run after its lease").isEqualTo(1);
      assertThat(STARTS.get(fails).get()).isEqualTo(2);
      assertThat(app.node.workers().stats().lostOutcomes()).isZero();
      assertThat(app.node.workers().stats().succeeded()).isEqualTo(2);
      assertThat(app.node.workers().stats().retried()).isEqualTo(1);
    } finally {
      runnerLog.detachAppender(events);
    }
  }

  /** Waits until the outcome write of {@code taskId} was refused and will be tried again, then lets Redis write. */
  private static void refusedOnceThenAccepted(ListAppender<ILoggingEvent> events, String taskId) {
    try {
      until(Duration.ofSeconds(10), () -> events.list.stream().anyMatch(e -> e.getFormattedMessage().contains(taskId)
        && e.getFormattedMessage().contains("could not be written") && e.getFormattedMessage().contains("NOREPLICAS")
        && e.getFormattedMessage().contains("trying again")));
    } finally {
      Resp.call(port, "CONFIG", "SET", "min-replicas-to-write", "0");
    }
  }
}
