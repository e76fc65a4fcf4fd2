package dev.courier.internal.worker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.internal.queue.Queues;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.Resp;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/** An outcome that another delivery overtook is logged and counted, never dropped in silence. */
class LostOutcomeTest {

  @Test
  void an_outcome_lost_to_another_delivery_is_logged_and_counted() {
    Logger runnerLog = (Logger) LoggerFactory.getLogger(TaskRunner.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    runnerLog.addAppender(events);
    try (TestNode app = TestNode.start(new SlowTaskService("a"), RedisFixture.shared().url(),
      new JsonObject().put("role", "all"))) {
      TaskProbe probe = new TaskProbe(app);
      String id = app.node.tasks().task("slow").fire("overtaken", 1500L).await().taskId();
      until(Duration.ofSeconds(5), () -> probe.state(id).equals("running"));

      // as a recoverer would after a stall past the lease: the running delivery's entry goes back to the queue,
      // and the node runs the task again (attempt 2, 10 ms) while attempt 1 still runs
      new Queues(app.node.redis(), app.prefix).get("default").compose(q -> q.reclaimExpired(0, 10)).await();
      until(Duration.ofSeconds(5), () -> app.node.workers().stats().lostOutcomes() == 1);

      assertThat(probe.status(id).attempts()).isEqualTo(2);
      assertThat(probe.state(id)).isEqualTo("succeeded");
      assertThat(events.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
        .contains(id).contains("another delivery owns it now").contains("outcome is lost")
        .contains("while this node still renewed its lease").doesNotContain("lease expired"));
    } finally {
      runnerLog.detachAppender(events);
    }
  }

  @Test
  void an_outcome_lost_with_the_queues_data_says_so_not_that_a_lease_expired() {
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    Logger runnerLog = (Logger) LoggerFactory.getLogger(TaskRunner.class);
    Logger renewerLog = (Logger) LoggerFactory.getLogger(LeaseRenewer.class);
    runnerLog.addAppender(events);
    renewerLog.addAppender(events);
    try (RedisFixture redis = RedisFixture.start();
         TestNode app = TestNode.start(new SlowTaskService("a"), redis.url(), new JsonObject().put("role", "all")
           .put("tasks", new JsonObject().put("leaseSeconds", 5)) // renewed every 1.7 s: some renewal meets the loss
           .put("redis", new JsonObject().put("lossReportSeconds", 0)))) {
      TaskProbe probe = new TaskProbe(app);
      String id = app.node.tasks().task("slow").fire("wiped", 4000L).await().taskId();
      until(Duration.ofSeconds(5), () -> probe.state(id).equals("running"));

      Resp.call(redis.port(), "FLUSHALL"); // Redis loses the queue while the task runs
      until(Duration.ofSeconds(10), () -> app.node.workers().stats().lostOutcomes() == 1);

      List<String> lines = new ArrayList<>(events.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines).anySatisfy(line -> assertThat(line)
        .contains(id).contains("Redis lost the queue's data while it ran").contains("outcome is lost"));
      assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf("lease expired", "stalled past"));
    } finally {
      runnerLog.detachAppender(events);
      renewerLog.detachAppender(events);
    }
  }
}
