package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.context.Principal;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskClient;
import dev.courier.task.TaskReceipt;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TaskCall#key}: the same key fired twice, or from two nodes at once, makes one task that runs once; keys are
 * per task and per subject; a keyed delayed fire repeats its first due time; a bad key or a keyed fireAll is refused
 * at once. Node A runs tasks (role all), node B only fires (role api), on the same Redis and prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentFireTest {

  /** Counts its runs per order: the side effect a repeat must not duplicate. */
  public static final class Payments {
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @AsyncTask
    public void charge(String order) {
      RUNS.computeIfAbsent(order, o -> new AtomicInteger()).incrementAndGet();
    }

    @AsyncTask
    public void refund(String order) {
      RUNS.computeIfAbsent("refund:" + order, o -> new AtomicInteger()).incrementAndGet();
    }

    static int runs(String order) {
      AtomicInteger n = RUNS.get(order);
      return n == null ? 0 : n.get();
    }
  }

  private TestNode worker;
  private TestNode api;
  private QueueKeys keys;

  @BeforeAll
  void start() {
    String prefix = RedisFixture.uniquePrefix();
    Payments payments = new Payments();
    worker = TestNode.start(new TaskTestService(payments), RedisFixture.shared().url(), prefix,
      new JsonObject().put("role", "all"));
    api = TestNode.start(new TaskTestService(payments), RedisFixture.shared().url(), prefix, new JsonObject());
    keys = new QueueKeys(prefix, "default");
  }

  @AfterAll
  void stop() {
    api.close();
    worker.close();
  }

  private static TaskCall.Of1<String> charge(TestNode node) {
    return node.node.tasks().call(Payments::charge);
  }

  private static String unique(String name) {
    return name + "-" + System.nanoTime();
  }

  /** Waits until {@code order} ran once, then a little more, so a second run would have shown. */
  private static void ranOnce(String order) throws InterruptedException {
    Eventually.until(Duration.ofSeconds(10), () -> Payments.runs(order) >= 1);
    TimeUnit.MILLISECONDS.sleep(300);
    assertThat(Payments.runs(order)).as("runs of " + order).isEqualTo(1);
  }

  @Test
  void the_same_key_fired_twice_makes_one_task_that_runs_once() throws InterruptedException {
    String order = unique("order");
    TaskCall.Of1<String> keyed = charge(worker).key("pay-" + order);

    TaskReceipt first = keyed.fire(order).await();
    TaskReceipt again = keyed.fire(order).await();

    assertThat(first.repeated()).isFalse();
    assertThat(again.repeated()).isTrue();
    assertThat(again.taskId()).isEqualTo(first.taskId());
    assertThat(again.dueAt()).isEqualTo(first.dueAt());
    ranOnce(order);
  }

  @Test
  void the_same_key_fired_from_two_nodes_at_once_makes_one_task_per_key() throws Exception {
    int rounds = 30;
    List<List<Future<TaskReceipt>>> fired = new ArrayList<>();
    String run = unique("race");
    for (int round = 0; round < rounds; round++) {
      String order = run + "-" + round;
      List<Future<TaskReceipt>> fires = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        fires.add(charge(worker).key(order).fire(order));
        fires.add(charge(api).key(order).fire(order));
      }
      fired.add(fires);
    }
    Future.all(fired.stream().flatMap(List::stream).collect(Collectors.toList())).await(30, TimeUnit.SECONDS);

    for (int round = 0; round < rounds; round++) {
      List<TaskReceipt> receipts = fired.get(round).stream().map(Future::result).collect(Collectors.toList());
      assertThat(receipts.stream().map(TaskReceipt::taskId).distinct()).as("round %d", round).hasSize(1);
      assertThat(receipts.stream().filter(r -> !r.repeated())).as("round %d", round).hasSize(1);
    }
    for (int round = 0; round < rounds; round++) {
      String order = run + "-" + round;
      Eventually.until(Duration.ofSeconds(15), () -> Payments.runs(order) >= 1);
    }
    TimeUnit.MILLISECONDS.sleep(300);
    for (int round = 0; round < rounds; round++) {
      assertThat(Payments.runs(run + "-" + round)).as("runs of round %d", round).isEqualTo(1);
    }
  }

  @Test
  void a_key_is_per_task_and_per_subject() throws InterruptedException {
    String order = unique("shared");
    TaskClient tasks = worker.node.tasks();
    Principal alice = new Principal("alice", Set.of(), null);
    Principal bob = new Principal("bob", Set.of(), null);

    String charged = tasks.call(Payments::charge).key(order).fire(order).await().taskId();
    String refunded = tasks.call(Payments::refund).key(order).fire(order).await().taskId();
    TaskReceipt forAlice = tasks.onBehalfOf(alice).task("charge").key(order).fire(order + "-alice").await();
    TaskReceipt forBob = tasks.onBehalfOf(bob).task("charge").key(order).fire(order + "-bob").await();

    assertThat(Set.of(charged, refunded, forAlice.taskId(), forBob.taskId())).hasSize(4);
    assertThat(forAlice.repeated()).isFalse();
    assertThat(forBob.repeated()).isFalse();
    ranOnce(order);
    ranOnce("refund:" + order);
    ranOnce(order + "-alice");
    ranOnce(order + "-bob");
  }

  @Test
  void a_keyed_delayed_fire_repeats_the_first_due_time_and_runs_once() throws InterruptedException {
    String order = unique("later");
    TaskReceipt first = charge(worker).delay(Duration.ofSeconds(1)).key(order).fire(order).await();
    TaskReceipt again = charge(api).delay(Duration.ofSeconds(5)).key(order).fire(order).await();

    assertThat(again.taskId()).isEqualTo(first.taskId());
    assertThat(again.dueAt()).isEqualTo(first.dueAt());
    assertThat(again.repeated()).isTrue();
    ranOnce(order);
  }

  @Test
  void the_key_lives_the_retention_past_the_due_time() {
    String order = unique("ttl");
    charge(worker).delay(Duration.ofSeconds(60)).key(order).fire(order).await();

    long ttl = worker.node.redis().send(Request.cmd(Command.PTTL).arg(keys.idempotency("charge", null, order)))
      .await().toLong();

    long retention = 86_400_000L; // tasks.retentionSeconds' default
    assertThat(ttl).isBetween(retention + 50_000, retention + 60_000);
  }

  @Test
  void a_call_without_a_key_is_unchanged_by_keyed_calls_made_from_it() {
    TaskCall.Of1<String> plain = charge(worker);
    String order = unique("plain");
    plain.key(order);

    String one = plain.fire(order).await().taskId();
    String two = plain.fire(order).await().taskId();

    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void a_bad_key_is_refused_at_once_naming_the_parameter() {
    TaskCall.Of1<String> call = charge(worker);
    for (String bad : List.of("", "   ", "x".repeat(201), "a\nb")) {
      assertThatThrownBy(() -> call.key(bad)).as("key %s", bad.length())
        .isInstanceOf(TaskArgumentException.class)
        .hasMessageContaining("task 'charge' parameter 'key'")
        .hasMessageContaining("1 to 200 characters");
    }
    assertThatThrownBy(() -> worker.node.tasks().task("charge").key("x".repeat(201)))
      .isInstanceOf(TaskArgumentException.class).hasMessageContaining("201 characters long, over 200")
      .hasMessageNotContaining("xxxxxxxxxx");
    assertThatThrownBy(() -> call.key(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("'key'");
    assertThat(call.key("x".repeat(200))).isNotNull();
  }

  @Test
  void a_keyed_call_has_no_fire_all() {
    String order = unique("all");
    assertThatThrownBy(() -> charge(worker).key(order).fireAll(List.of(order, order)))
      .isInstanceOf(TaskArgumentException.class).hasMessageContaining("idempotency key fires one task");
    assertThatThrownBy(() -> worker.node.tasks().task("charge").key(order).fireAll(List.of(List.of(order))))
      .isInstanceOf(TaskArgumentException.class).hasMessageContaining("no fireAll");
  }
}
