package dev.courier.internal.worker;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.launch.Courier;
import dev.courier.launch.CourierClient;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A node started with another signing key than the cluster's buries nothing: it leaves each task for a node that
 * holds the key, logs an ERROR naming the key id (never a key), and is not ready; the tasks run once such a node
 * comes.
 */
class ForeignSigningKeyTest {

  private static final String CLUSTER_KEY = "cluster-signing-key-0123456789abcdefghijklmn";
  private static final String FOREIGN_KEY = "foreign-signing-key-0123456789abcdefghijklmn";
  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  public static final class Recorder {
    @AsyncTask(name = "recordForeignKeyRun")
    public void record(String runId) {
      RUNS.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  @Test
  void a_node_with_a_foreign_key_buries_nothing_is_not_ready_and_leaves_the_tasks_to_a_node_with_the_key() {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    String clusterKeyId = new EnvelopeSigner(CLUSTER_KEY).keyId();
    Logger log = (Logger) LoggerFactory.getLogger(KeyMismatch.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    CourierClient client = Courier.client(TestNode.withSigningKeys(TestNode.clientConfig(url, prefix), CLUSTER_KEY));
    TestNode foreign = TestNode.start(new WorkerOnlyService(new Recorder()),
      TestNode.workerConfig(url, prefix, new JsonObject(), FOREIGN_KEY), prefix);
    TestNode rightful = null;
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(client.tasks().call(Recorder::record).fire("run-" + i).await().taskId());
      }
      for (String id : ids) {
        TaskStatus waiting = until(Duration.ofSeconds(15), () -> client.tasks().status(id).await().orElseThrow(),
          s -> s.lastError() != null);
        assertThat(waiting.state()).isIn(TaskState.DELAYED, TaskState.QUEUED, TaskState.RUNNING);
        assertThat(waiting.lastError()).contains("key id " + clusterKeyId);
        assertThat(waiting.attempts()).as("leaving a task is no attempt").isZero();
      }
      assertThat(counts(foreign).dead()).as("buried").isZero();
      assertThat(RUNS).as("runs on the foreign node").isEmpty();

      HttpResponse<Buffer> ready = foreign.client.get("/health/ready").send().await();
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsString()).contains("signing keys").contains(clusterKeyId)
        .doesNotContain(CLUSTER_KEY).doesNotContain(FOREIGN_KEY);

      List<ILoggingEvent> errors = events.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
      assertThat(errors).as("one line per key id, not one per task").hasSize(1);
      assertThat(errors.get(0).getFormattedMessage()).contains("key id " + clusterKeyId)
        .contains(new EnvelopeSigner(FOREIGN_KEY).keyId()).doesNotContain(CLUSTER_KEY).doesNotContain(FOREIGN_KEY);

      rightful = TestNode.start(new WorkerOnlyService(new Recorder()),
        TestNode.workerConfig(url, prefix, new JsonObject(), CLUSTER_KEY), prefix);
      for (String id : ids) {
        until(Duration.ofSeconds(30), () -> client.tasks().status(id).await().orElseThrow().state(),
          s -> s == TaskState.SUCCEEDED);
      }
      for (int i = 0; i < 20; i++) {
        assertThat(RUNS.get("run-" + i)).as("run-" + i).hasValue(1);
      }
      assertThat(counts(foreign).dead()).as("buried").isZero();
    } finally {
      log.detachAppender(events);
      if (rightful != null) {
        rightful.close();
      }
      foreign.close();
      client.close().await();
    }
  }

  private static QueueCounts counts(TestNode node) {
    return new Queues(node.node.redis(), node.prefix).get("default").compose(q -> q.counts()).await();
  }
}
