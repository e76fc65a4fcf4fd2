package dev.courier.internal.worker;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.launch.Courier;
import dev.courier.launch.CourierClient;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling deploy: a task fired by a newer service reaches a node that does not know its name. That node does not
 * bury it: it puts it back with a growing wait, counting no attempt, for {@code tasks.unknownTaskGraceSeconds}; a node
 * that knows it, started meanwhile, runs it (with its whole retry budget: one attempt allowed, one used). A name no
 * node learns within the grace is dead as an unknown task.
 */
@Timeout(180)
class UnknownTaskGraceTest {

  private static final int GRACE_SECONDS = 25;
  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  /** What the newer nodes know. maxAttempts 1: a wait that counted an attempt would leave it none. */
  public static final class Newer {
    @AsyncTask(maxAttempts = 1)
    public void graceProbe(String key) {
      RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** What every node knows. */
  public static final class Older {
    @AsyncTask
    public void olderTask(String key) {
      RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** What no node knows. */
  public static final class Unshipped {
    @AsyncTask
    public void neverShipped(String key) {
    }
  }

  @Test
  void an_unknown_task_waits_for_a_node_that_knows_it_and_is_dead_only_after_the_grace() {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    JsonObject grace = new JsonObject().put("tasks", new JsonObject().put("unknownTaskGraceSeconds", GRACE_SECONDS));
    CourierClient client = Courier.client(TestNode.clientConfig(url, prefix));
    TestNode older = TestNode.start(new WorkerOnlyService(new Older()),
      TestNode.workerConfig(url, prefix, grace, TestNode.SIGNING_KEY), prefix);
    TestNode newer = null;
    try {
      String waiting = client.tasks().call(Newer::graceProbe).fire("rolled").await().taskId();
      String orphan = client.tasks().call(Unshipped::neverShipped).fire("orphan").await().taskId();
      String known = client.tasks().call(Older::olderTask).fire("known").await().taskId();
      until(Duration.ofSeconds(20), () -> client.tasks().status(known).await().orElseThrow().state(),
        s -> s == TaskState.SUCCEEDED);

      // the older node has put it back at least twice, with a growing wait, and counted no attempt
      QueueKeys keys = new QueueKeys(prefix, "default");
      until(Duration.ofSeconds(20), () -> deferrals(older, keys, waiting), n -> n >= 2);
      TaskStatus held = client.tasks().status(waiting).await().orElseThrow();
      assertThat(held.state()).isIn(TaskState.DELAYED, TaskState.QUEUED, TaskState.RUNNING);
      assertThat(held.lastError()).contains("unknown task 'graceProbe'");
      assertThat(held.attempts()).as("waiting is no attempt").isZero();
      assertThat(RUNS).doesNotContainKey("rolled");

      newer = TestNode.start(new WorkerOnlyService(new Newer(), new Older()),
        TestNode.workerConfig(url, prefix, grace, TestNode.SIGNING_KEY), prefix);
      older.close(); // the deploy goes on: the older node leaves, so only the newer one can take the task now
      TaskStatus ran = until(Duration.ofSeconds(GRACE_SECONDS), () -> client.tasks().status(waiting).await()
        .orElseThrow(), s -> s.state().isFinal());
      assertThat(ran.state()).as(ran.lastError()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(ran.attempts()).as("its one allowed attempt was still there").isEqualTo(1);
      assertThat(RUNS.get("rolled")).hasValue(1);

      TaskStatus dead = until(Duration.ofSeconds(GRACE_SECONDS + 40), () -> client.tasks().status(orphan).await()
        .orElseThrow(), s -> s.state().isFinal());
      assertThat(dead.state()).isEqualTo(TaskState.DEAD);
      assertThat(dead.lastError()).isEqualTo("unknown task 'neverShipped' on this node, and no node that knows it "
        + "took it within tasks.unknownTaskGraceSeconds (" + GRACE_SECONDS + " s)");
      assertThat(dead.finishedAt()).as("not before the grace ended")
        .isAfterOrEqualTo(dead.enqueuedAt().plusSeconds(GRACE_SECONDS));
      assertThat(dead.attempts()).as("no attempt was spent waiting").isLessThanOrEqualTo(1);
    } finally {
      if (newer != null) {
        newer.close();
      }
      older.close();
      client.close().await();
    }
  }

  private static int deferrals(TestNode node, QueueKeys keys, String id) {
    var r = node.node.redis().send(Request.cmd(Command.HGET).arg(keys.task(id)).arg("deferrals")).await();
    return r == null ? 0 : r.toInteger();
  }
}
