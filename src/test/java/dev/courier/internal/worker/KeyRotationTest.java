package dev.courier.internal.worker;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.launch.Courier;
import dev.courier.launch.CourierClient;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rotating {@code tasks.signingKeys} under load: while tasks are fired without pause (some delayed, some failing
 * their first attempt, so retries are re-signed by whichever node ran them), every node restarts with
 * [new, old], then with [new]. No task is lost and none is buried.
 */
class KeyRotationTest {

  private static final String OLD = "old-rotation-key-0123456789abcdefghijklmnop";
  private static final String NEW = "new-rotation-key-0123456789abcdefghijklmnop";
  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  public static final class Work {
    @AsyncTask(name = "rotationWork", maxAttempts = 5)
    public void work(String runId, boolean failFirst) {
      int run = RUNS.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
      if (failFirst && run == 1) {
        throw new IllegalStateException("first attempt of " + runId + " fails on purpose");
      }
    }
  }

  private final String url = RedisFixture.shared().url();
  private final String prefix = RedisFixture.uniquePrefix();
  private final Vertx vertx = Vertx.vertx();
  private final java.util.concurrent.atomic.AtomicReference<CourierClient> firingWith =
    new java.util.concurrent.atomic.AtomicReference<>();

  @Test
  @Timeout(180)
  void every_task_fired_while_every_node_rotates_its_key_runs_and_none_is_buried() throws Exception {
    AtomicReferenceArray<CourierClient> producers = new AtomicReferenceArray<>(2);
    producers.set(0, producer(OLD));
    producers.set(1, producer(OLD));
    TestNode[] workers = {worker(OLD), worker(OLD)};
    List<String> ids = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    Thread firing = new Thread(() -> fire(producers, ids, failures), "rotation-firing");
    firing.start();
    try {
      Thread.sleep(1_500);
      // step 1: every node verifies both keys and signs with the new one, one node after the other
      restartProducer(producers, 0, NEW, OLD);
      workers[0] = restart(workers[0], NEW, OLD);
      restartProducer(producers, 1, NEW, OLD);
      workers[1] = restart(workers[1], NEW, OLD);
      Thread.sleep(3_000); // the old key's last tasks (delays up to 1.5 s, retries) run meanwhile
      // step 2: the old key is dropped, again one node after the other
      restartProducer(producers, 0, NEW);
      restartProducer(producers, 1, NEW);
      workers[0] = restart(workers[0], NEW);
      workers[1] = restart(workers[1], NEW);
      Thread.sleep(1_500);
    } finally {
      firing.interrupt();
      firing.join();
    }
    assertThat(failures).as("fires refused").hasValue(0);
    assertThat(ids.size()).as("tasks fired").isGreaterThan(500);
    CourierClient reader = producers.get(0);
    List<String> unfinished = until(Duration.ofSeconds(60), () -> unfinished(reader, ids), List::isEmpty);
    assertThat(unfinished).isEmpty();
    assertThat(counts(workers[0]).dead()).as("buried").isZero();
    for (TestNode w : workers) {
      w.close();
    }
    for (int i = 0; i < 2; i++) {
      producers.get(i).close().await();
    }
    vertx.close().await();
  }

  private void fire(AtomicReferenceArray<CourierClient> producers, List<String> ids, AtomicInteger failures) {
    int n = 0;
    while (!Thread.currentThread().isInterrupted()) {
      CourierClient producer = producers.get(n % 2);
      firingWith.set(producer);
      if (producer != null && producer == producers.get(n % 2)) {
        String runId = prefix + "-" + n;
        boolean failFirst = n % 5 == 0;
        long delayMs = n % 3 == 0 ? ThreadLocalRandom.current().nextLong(1_500) : 0;
        try {
          ids.add(producer.tasks().call(Work::work).delay(Duration.ofMillis(delayMs)).fire(runId, failFirst)
            .await().taskId());
        } catch (RuntimeException e) {
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
          failures.incrementAndGet();
        }
      }
      firingWith.set(null);
      n++;
      try {
        Thread.sleep(4);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private List<String> unfinished(CourierClient reader, List<String> ids) {
    List<String> left = new ArrayList<>();
    for (String id : ids) {
      TaskStatus status = reader.tasks().status(id).await().orElse(null);
      assertThat(status).as("task " + id + " is known").isNotNull();
      assertThat(status.state()).as("task " + id + ": " + status.lastError()).isNotEqualTo(TaskState.DEAD);
      if (status.state() != TaskState.SUCCEEDED) {
        left.add(id + " " + status.state() + " " + status.lastError());
      }
    }
    return left;
  }

  private CourierClient producer(String... keys) {
    JsonObject config = TestNode.withSigningKeys(TestNode.clientConfig(url, prefix), keys);
    return Courier.client(vertx, config);
  }

  /** The producer in slot {@code i} is replaced; the firing thread skips the slot while it is empty. */
  private void restartProducer(AtomicReferenceArray<CourierClient> producers, int i, String... keys)
      throws InterruptedException {
    CourierClient old = producers.getAndSet(i, null);
    while (firingWith.get() == old) { // a fire already under way on it completes first
      Thread.sleep(1);
    }
    old.close().await();
    producers.set(i, producer(keys));
    Thread.sleep(500);
  }

  private TestNode worker(String... keys) {
    JsonObject fastRetries = new JsonObject().put("tasks", new JsonObject().put("backoffBaseMillis", 100)
      .put("backoffMaxMillis", 400));
    return TestNode.start(new WorkerOnlyService(new Work()),
      TestNode.workerConfig(url, prefix, fastRetries, keys), prefix);
  }

  private TestNode restart(TestNode node, String... keys) throws InterruptedException {
    node.close();
    TestNode fresh = worker(keys);
    Thread.sleep(500);
    return fresh;
  }

  private static QueueCounts counts(TestNode node) {
    return new Queues(node.node.redis(), node.prefix).get("default").compose(q -> q.counts()).await();
  }
}
