package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskReceipt;

import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TaskCall#fireAll} stores each call exactly as {@link TaskCall#fire} would, refuses a whole batch for one bad
 * argument, and many fires in flight at once all land. An API-only node, so no worker takes the tasks away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkFireTest {

  public static final class Mailer {
    @AsyncTask
    public void mail(String to, int times, List<String> tags) {
    }
  }

  private TestNode app;
  private QueueKeys keys;

  @BeforeAll
  void start() {
    app = TestNode.start(new TaskTestService(new Mailer()), RedisFixture.shared().url(), new JsonObject());
    keys = new QueueKeys(app.prefix, "default");
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private TaskCall mail() {
    return app.node.tasks().task("mail");
  }

  private Response send(Request req) {
    return app.node.redis().send(req).await();
  }

  private Map<String, String> hash(String taskId) {
    Response r = send(Request.cmd(Command.HGETALL).arg(keys.task(taskId)));
    Map<String, String> out = new LinkedHashMap<>();
    r.getKeys().forEach(k -> out.put(k, r.get(k).toString()));
    return out;
  }

  /** taskId -> stream entry id, for every entry in {@code ready}. */
  private Map<String, String> stream() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Response e : send(Request.cmd(Command.XRANGE).arg(keys.ready()).arg("-").arg("+"))) {
      out.put(e.get(1).get(1).toString(), e.get(0).toString());
    }
    return out;
  }

  private Set<String> delayed() {
    Set<String> out = new TreeSet<>();
    send(Request.cmd(Command.ZRANGE).arg(keys.delayed()).arg(0).arg(-1)).forEach(m -> out.add(m.toString()));
    return out;
  }

  private QueueCounts counts() {
    return TaskTestService.queue(app).counts().await();
  }

  @Test
  void a_bulk_fire_stores_every_task_exactly_as_a_single_fire_does() {
    send(Request.cmd(Command.DEL).arg(keys.ready()));
    TaskReceipt single = mail().fire("a@x.io", 1, List.of("t")).await();
    List<TaskReceipt> bulk = mail().fireAll(List.of(List.of("b@x.io", 2, List.of()), List.of("c@x.io", 3,
      List.of("u", "v")))).await();

    assertThat(bulk).hasSize(2);
    Map<String, String> entries = stream();
    EnvelopeSigner signer = new EnvelopeSigner(TestNode.SIGNING_KEY);
    Map<String, String> alone = hash(single.taskId());
    List<Object> expectedArgs = List.of(List.of("b@x.io", 2, List.of()), List.of("c@x.io", 3, List.of("u", "v")));
    for (int i = 0; i < bulk.size(); i++) {
      TaskReceipt r = bulk.get(i);
      Map<String, String> h = hash(r.taskId());
      assertThat(h.keySet()).isEqualTo(alone.keySet());
      assertThat(h).containsEntry("task", "mail").containsEntry("state", "queued").containsEntry("attempts", "0")
        .containsEntry("max_attempts", alone.get("max_attempts")).containsEntry("entry", entries.get(r.taskId()))
        .containsEntry("due_at", Long.toString(r.dueAt().toEpochMilli()));
      Envelope envelope = signer.open(h.get("envelope"));
      assertThat(envelope.id()).isEqualTo(r.taskId());
      assertThat(envelope.task()).isEqualTo("mail");
      assertThat(envelope.attempt()).isEqualTo(1);
      assertThat(envelope.args()).isEqualTo(new JsonArray((List<?>) expectedArgs.get(i)));
    }
    assertThat(entries.keySet()).containsExactly(single.taskId(), bulk.get(0).taskId(), bulk.get(1).taskId());
  }

  @Test
  void a_bad_argument_anywhere_in_a_batch_enqueues_nothing() {
    QueueCounts before = counts();
    List<List<?>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(List.of("ok-" + i + "@x.io", i, List.of()));
    }
    calls.set(7, List.of("bad@x.io", "seven", List.of()));

    assertThatThrownBy(() -> mail().fireAll(calls)).isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("call 7 of 10").hasMessageContaining("'mail'").hasMessageContaining("'times'");
    assertThatThrownBy(() -> mail().fireAll(List.of(List.of("a@x.io", 1, List.of()), List.of("b@x.io", 2))))
      .isInstanceOf(TaskArgumentException.class).hasMessageContaining("call 1 of 2").hasMessageContaining("takes 3");

    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void delayed_tasks_of_a_batch_go_to_delayed() {
    List<TaskReceipt> receipts = mail().delay(Duration.ofHours(1))
      .fireAll(IntStream.range(0, 5).mapToObj(i -> List.of("d" + i + "@x.io", i, List.of()))
        .collect(Collectors.toList())).await();

    assertThat(delayed()).containsAll(receipts.stream().map(TaskReceipt::taskId).collect(Collectors.toList()));
    assertThat(stream().keySet()).doesNotContainAnyElementsOf(
      receipts.stream().map(TaskReceipt::taskId).collect(Collectors.toList()));
    for (TaskReceipt r : receipts) {
      assertThat(hash(r.taskId())).containsEntry("state", "delayed").doesNotContainKey("entry");
    }
  }

  @Test
  void an_empty_batch_enqueues_nothing_and_answers_no_receipts() {
    assertThat(mail().fireAll(List.of()).await()).isEmpty();
  }

  @Test
  void concurrent_fires_from_an_event_loop_and_from_threads_all_land() throws Exception {
    Context loop = app.vertx.getOrCreateContext();
    Promise<List<TaskReceipt>> onLoop = Promise.promise();
    loop.runOnContext(v -> {
      List<Future<TaskReceipt>> fired = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        fired.add(mail().fire("loop-" + i + "@x.io", i, List.of()).andThen(ar -> {
          if (Context.isOnEventLoopThread() && app.vertx.getOrCreateContext() != loop) {
            onLoop.tryFail("receipt delivered on another context");
          }
        }));
      }
      Future.all(fired).map(all -> fired.stream().map(Future::result).collect(Collectors.toList())).onComplete(onLoop);
    });
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Callable<TaskReceipt>> jobs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      jobs.add(() -> mail().fire("thread-" + n + "@x.io", n, List.of()).await());
    }
    List<String> ids = new ArrayList<>();
    try {
      for (var f : threads.invokeAll(jobs)) {
        ids.add(f.get().taskId());
      }
    } finally {
      threads.shutdown();
    }
    onLoop.future().await().forEach(r -> ids.add(r.taskId()));

    assertThat(ids).hasSize(500).doesNotHaveDuplicates();
    assertThat(stream().keySet()).containsAll(ids);
    assertThat(hash(ids.get(0))).containsEntry("state", "queued");
    assertThat(hash(ids.get(499))).containsEntry("state", "queued");
  }
}
