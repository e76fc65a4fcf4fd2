package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskReceipt;
import dev.courier.task.TaskArgumentException;

import dev.courier.internal.testing.Eventually;
import dev.courier.internal.queue.QueueCounts;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Task parameters are checked when a bean is registered and again, synchronously, when a task is fired. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskArgumentsTest {

  enum Color { RED, GREEN }

  record Item(String sku, int qty) { }

  record Rec(String name, long size, List<String> tags, Map<String, Integer> counts, Color color, Instant at) { }

  record WithThread(String name, Thread worker) { }

  static final Map<String, List<Object>> RECEIVED = new ConcurrentHashMap<>();

  public static final class Everything {
    @AsyncTask
    public void everything(String id, int n, long big, boolean flag, double ratio, List<String> tags, List<Item> items,
                           Map<String, Integer> counts, JsonObject json, JsonArray array, Instant at, Color color,
                           Rec rec) {
      RECEIVED.put(id, List.of(n, big, flag, ratio, tags, items, counts, json, array, at, color, rec));
    }

    @AsyncTask
    public void typed(String label, int count, List<String> tags) {
      RECEIVED.put("typed:" + label, List.of(count, tags));
    }
  }

  public static final class SocketTask {
    @AsyncTask
    public void connect(Socket socket) { }
  }

  public static final class ObjectTask {
    @AsyncTask(name = "anything")
    public void anything(String label, Object payload) { }
  }

  public static final class IntKeysTask {
    @AsyncTask
    public void byNumber(Map<Integer, String> names) { }
  }

  public static final class ThreadRecordTask {
    @AsyncTask
    public void withThread(WithThread holder) { }
  }

  public static final class SocketResultTask {
    @AsyncTask
    public Socket open(String host) {
      return null;
    }
  }

  public static final class WildcardResultTask {
    @AsyncTask
    public io.vertx.core.Future<?> vague(String id) {
      return io.vertx.core.Future.succeededFuture();
    }
  }

  public static final class RawFutureTask {
    @SuppressWarnings("rawtypes")
    @AsyncTask
    public io.vertx.core.Future raw(String id) {
      return io.vertx.core.Future.succeededFuture();
    }
  }

  public static final class ResultTasks {
    @AsyncTask
    public io.vertx.core.Future<Void> none(String id) {
      return io.vertx.core.Future.succeededFuture();
    }

    @AsyncTask
    public io.vertx.core.Future<Item> item(String id) {
      return io.vertx.core.Future.succeededFuture(new Item(id, 1));
    }

    @AsyncTask
    public int count(String id) {
      return 1;
    }

    @AsyncTask
    public Void nothing(String id) {
      return null;
    }
  }

  private TestNode app;

  @BeforeAll
  void start() {
    app = TestNode.start(new TaskTestService(new Everything()), RedisFixture.shared().url(), new JsonObject()
      .put("role", "all").put("tasks", new JsonObject().put("maxPayloadBytes", 1024)));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private static void assertRefused(Object bean, String task, String parameter, String type) {
    TaskRegistry registry = new TaskRegistry(3, Duration.ofSeconds(30));
    assertThatThrownBy(() -> registry.register(bean)).isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("'" + task + "'").hasMessageContaining("'" + parameter + "'").hasMessageContaining(type);
    assertThat(registry.find(task)).isEmpty();
  }

  @Test
  void registration_refuses_uncarryable_parameters_naming_task_parameter_and_type() {
    assertRefused(new SocketTask(), "connect", "socket", "java.net.Socket");
    assertRefused(new ObjectTask(), "anything", "payload", "java.lang.Object");
    assertRefused(new IntKeysTask(), "byNumber", "names", "java.util.Map<java.lang.Integer, java.lang.String>");
    assertRefused(new ThreadRecordTask(), "withThread", "holder", WithThread.class.getTypeName());
  }

  @Test
  void a_node_whose_service_registers_an_uncarryable_task_does_not_start() {
    assertThatThrownBy(() -> TestNode.start(new TaskTestService(new SocketTask()), RedisFixture.shared().url(),
      new JsonObject().put("role", "all")))
      .satisfies(e -> {
        Throwable t = e;
        while (t != null && !(t instanceof TaskArgumentException)) {
          t = t.getCause();
        }
        assertThat(t).as("cause chain of %s", e).isNotNull();
        assertThat(t).hasMessageContaining("'connect'").hasMessageContaining("java.net.Socket");
      });
  }

  @Test
  void registration_refuses_a_result_type_json_cannot_bring_back() {
    TaskRegistry registry = new TaskRegistry(3, Duration.ofSeconds(30));
    assertThatThrownBy(() -> registry.register(new SocketResultTask())).isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("'open'").hasMessageContaining("returns java.net.Socket");
    assertThatThrownBy(() -> registry.register(new WildcardResultTask())).isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("'vague'").hasMessageContaining("returns io.vertx.core.Future<?>");
    assertThatThrownBy(() -> registry.register(new RawFutureTask())).isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("'raw'").hasMessageContaining("declare Future<Void> for no result");
  }

  @Test
  void a_declared_result_is_known_from_registration_and_none_means_none() {
    TaskRegistry registry = new TaskRegistry(3, Duration.ofSeconds(30));
    registry.register(new ResultTasks());
    assertThat(registry.find("none").orElseThrow().result()).isNull();
    assertThat(registry.find("nothing").orElseThrow().result()).isNull();
    assertThat(registry.find("item").orElseThrow().result()).isEqualTo(Item.class);
    assertThat(registry.find("count").orElseThrow().result()).isEqualTo(int.class);
    assertThat(registry.find("everything").isPresent()).isFalse();
  }

  @Test
  void carryable_parameters_register() {
    TaskRegistry registry = new TaskRegistry(3, Duration.ofSeconds(30));
    registry.register(new Everything());
    assertThat(registry.find("everything")).isPresent();
    assertThat(registry.find("typed")).isPresent();
  }

  private Set<String> keys() {
    Response r = RedisAPI.api(app.node.redis()).keys(app.prefix + "*").await();
    Set<String> keys = new TreeSet<>();
    r.forEach(k -> keys.add(k.toString()));
    return keys;
  }

  private void assertBadCall(String parameter, Executable call) {
    TaskArgumentException e = assertThrows(TaskArgumentException.class, call);
    assertThat(e).hasMessageContaining("'typed'");
    if (parameter != null) {
      assertThat(e).hasMessageContaining("'" + parameter + "'");
    }
  }

  @Test
  void bad_calls_throw_synchronously_and_leave_nothing_in_redis() {
    TaskTestService.queue(app); // opens the queue, so its stream exists before the snapshot
    Set<String> before = keys();
    TaskCall call = app.node.tasks().task("typed");
    assertBadCall("label", () -> call.fire(42, 1, List.of()));
    assertBadCall(null, () -> call.fire("a", 1));
    assertBadCall(null, () -> call.fire("a", 1, List.of(), "extra"));
    List<Object> mixed = new ArrayList<>(List.of("ok"));
    mixed.add(7);
    assertBadCall("tags", () -> call.fire("a", 1, mixed));
    assertBadCall("count", () -> call.fire("a", null, List.of()));
    assertBadCall("count", () -> call.fire("a", 1L, List.of()));
    TaskArgumentException tooBig = assertThrows(TaskArgumentException.class,
      () -> call.fire("x".repeat(2048), 1, List.of()));
    assertThat(tooBig).hasMessageContaining("'typed'").hasMessageContaining("maxPayloadBytes");

    assertThat(keys()).isEqualTo(before);
    assertThat(TaskTestService.queue(app).counts().await()).isEqualTo(new QueueCounts(0, 0, 0, 0, 0));
    assertThat(RECEIVED.keySet()).noneMatch(k -> k.startsWith("typed:"));
  }

  @Test
  void an_unknown_task_name_is_refused_at_once() {
    assertThatThrownBy(() -> app.node.tasks().task("nope")).isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("'nope'");
  }

  @Test
  void every_carryable_argument_arrives_equal_in_the_worker() {
    String id = "rt-" + System.nanoTime();
    Instant at = Instant.parse("2024-05-06T07:08:09.123456Z");
    List<Item> items = List.of(new Item("a-1", 2), new Item("b-2", 0));
    Map<String, Integer> counts = Map.of("x", 1, "y", -5);
    JsonObject json = new JsonObject().put("s", "v").put("n", 3).put("nested", new JsonObject().put("b", true));
    JsonArray array = new JsonArray().add("one").add(2).add(new JsonObject().put("k", "v"));
    Rec rec = new Rec("r", 9_000_000_000L, List.of("t1", "t2"), Map.of("c", 4), Color.GREEN, at);
    List<Object> sent = List.of(7, 9_000_000_001L, true, 0.25, List.of("p", "q"), items, counts, json, array, at,
      Color.RED, rec);

    TaskReceipt receipt = app.node.tasks().task("everything").fire(id, 7, 9_000_000_001L, true, 0.25,
      List.of("p", "q"), items, counts, json, array, at, Color.RED, rec).await();
    assertThat(receipt.taskId()).isNotBlank();

    List<Object> got = Eventually.until(Duration.ofSeconds(10), () -> RECEIVED.get(id), r -> r != null);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(got.get(i)).as("argument %d", i + 1).isEqualTo(sent.get(i));
    }
  }
}
