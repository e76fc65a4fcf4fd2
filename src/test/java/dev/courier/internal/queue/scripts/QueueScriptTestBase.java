package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.AllowedTransitions;
import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.queue.Started;
import dev.courier.task.TaskState;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Shared Redis, a fresh key prefix per test, a fixed clock ({@link #NOW}) and prose-like seeding steps. */
abstract class QueueScriptTestBase {

  static final long NOW = 1_700_000_000_000L;
  static final long DAY = 24L * 3600 * 1000;

  static Vertx vertx;
  static Redis redis;

  QueueKeys keys;
  RedisQueue queue;
  RedisState state;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, RedisFixture.shared().url());
  }

  @AfterAll
  static void disconnect() {
    redis.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void openQueue() {
    keys = new QueueKeys(RedisFixture.uniquePrefix(), "emails");
    queue = RedisQueue.open(redis, keys).await();
    state = new RedisState(redis, keys);
  }

  static NewTask aTask(String id) {
    return new NewTask(id, "sendWelcome", "user-1", "env-" + id, NOW, NOW, 3);
  }

  static NewTask aDelayedTask(String id, long dueAt) {
    return new NewTask(id, "sendWelcome", "user-1", "env-" + id, NOW, dueAt, 3);
  }

  /** Claims (and so starts) every new delivery for {@code consumer}. */
  List<Started> claimAll(String consumer) {
    return queue.claim(consumer, 100, NOW, DAY).await().runs();
  }

  /** Reads new deliveries for {@code consumer} with a raw XREADGROUP: claimed in the group, not started. */
  List<String> readRaw(String consumer, int count) {
    io.vertx.redis.client.Response r = state.send(io.vertx.redis.client.Request.cmd(
        io.vertx.redis.client.Command.XREADGROUP).arg("GROUP").arg(keys.group()).arg(consumer).arg("COUNT").arg(count)
        .arg("STREAMS").arg(keys.ready()).arg(">"));
    List<String> ids = new java.util.ArrayList<>();
    if (r != null) {
      (r.isMap() ? r.get(keys.ready()) : r.get(0).get(1)).forEach(e -> ids.add(e.get(0).toString()));
    }
    return ids;
  }

  /** A task enqueued, then claimed and started by {@code worker-1}. */
  Claim aRunningTask(String id) {
    assertThat(queue.enqueue(aTask(id), NOW).await()).isTrue();
    List<Started> runs = claimAll("worker-1");
    assertThat(runs).hasSize(1);
    return runs.get(0).claim();
  }

  TaskState stateOf(String id) {
    String wire = state.hash(id).get("state");
    return wire == null ? null : TaskState.fromWire(wire);
  }

  /** Asserts that a script moved the task along an arrow listed in {@link AllowedTransitions}. */
  static void assertAllowed(TaskState from, TaskState to) {
    assertThat(AllowedTransitions.isAllowed(from, to)).as("move %s -> %s is listed", from, to).isTrue();
  }
}
