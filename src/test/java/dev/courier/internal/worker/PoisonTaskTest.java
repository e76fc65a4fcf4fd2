package dev.courier.internal.worker;

import dev.courier.internal.testing.TaskTestService;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.context.Principal;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.launch.Courier;
import dev.courier.launch.CourierClient;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskClient;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks corrupted directly in Redis (garbage in a field, no envelope, a state no script writes, a key that is not a
 * hash, an entry without an id, hash fields that disagree with the signed envelope, an envelope copied into another
 * queue) before a worker starts: each is dead with a readable reason at its first reading, shown by the status, the
 * admin API and the dead counter by reason; none runs, none loops, and a healthy task beside them runs once.
 * {@code GET /v1/tasks/{id}} answers every stored record, however damaged, and never with a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class PoisonTaskTest {

  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
  private static final int LEASE_SECONDS = 5;

  public static final class Probe {
    @AsyncTask(maxAttempts = 5)
    public void poisonProbe(String key) {
      RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private final String url = RedisFixture.shared().url();
  private final String prefix = RedisFixture.uniquePrefix();
  private final QueueKeys main = new QueueKeys(prefix, "default");
  private final QueueKeys other = new QueueKeys(prefix, "other");
  /** case → task id */
  private final Map<String, String> ids = new LinkedHashMap<>();
  private CourierClient client;
  private io.vertx.core.Vertx vertx;
  private Redis redis;
  private TestNode app;

  @BeforeAll
  void corruptThenStartAWorker() {
    client = Courier.client(TestNode.clientConfig(url, prefix));
    vertx = io.vertx.core.Vertx.vertx();
    redis = Redis.createClient(vertx, url);
    TaskClient alice = client.tasks().onBehalfOf(new Principal("alice", Set.of("user"), new JsonObject()));
    for (String kind : List.of("attempts", "maxAttempts", "noEnvelope", "state", "tamperedMax", "tamperedSubject",
      "notAHash", "healthy", "copied")) {
      ids.put(kind, alice.call(Probe::poisonProbe).fire(kind).await().taskId());
    }
    hset(main, ids.get("attempts"), "attempts", "lots");
    hset(main, ids.get("maxAttempts"), "max_attempts", "many");
    send(Request.cmd(Command.HDEL).arg(main.task(ids.get("noEnvelope"))).arg("envelope"));
    hset(main, ids.get("state"), "state", "exploded");
    hset(main, ids.get("tamperedMax"), "max_attempts", "99");
    hset(main, ids.get("tamperedSubject"), "subject", "mallory");
    send(Request.cmd(Command.DEL).arg(main.task(ids.get("notAHash"))));
    send(Request.cmd(Command.SET).arg(main.task(ids.get("notAHash"))).arg("garbage"));
    copyIntoOtherQueue(ids.get("copied"));
    send(Request.cmd(Command.XADD).arg(main.ready()).arg("*").arg("junk").arg("no id here"));

    long started = System.currentTimeMillis();
    app = TestNode.start(new TaskTestService(new Probe()), url, prefix, new JsonObject().put("role", "all")
      .put("tasks", new JsonObject().put("queues", new JsonArray().add("default").add("other"))
        .put("leaseSeconds", LEASE_SECONDS)));
    long up = System.currentTimeMillis();
    Eventually.until(Duration.ofSeconds(30), () -> deadIds(main).size() + deadIds(other).size(), n -> n == 9);
    long now = System.currentTimeMillis();
    System.out.println("PoisonTaskTest: all 9 corrupt deliveries dead " + (now - up) + " ms after the worker node "
      + "started (" + (now - started) + " ms after it began to start; lease " + LEASE_SECONDS + " s)");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    client.close().await();
    redis.close().await();
    vertx.close().await();
  }

  @Test
  void each_corrupt_task_is_dead_with_a_readable_reason_in_the_status() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("attempts", "damaged task hash: attempts 'lots' is not a count");
    expected.put("maxAttempts", "damaged task hash: max_attempts 'many' is not a count");
    expected.put("noEnvelope", "damaged task hash: no envelope");
    expected.put("state", "damaged task hash: unknown state 'exploded'");
    expected.put("tamperedMax", "task hash disagrees with its signed envelope: max_attempts 99, signed 5");
    expected.put("tamperedSubject", "task hash disagrees with its signed envelope: subject 'mallory', signed 'alice'");
    expected.put("notAHash", "damaged task record: the key held a string, not a hash");
    String admin = Tokens.bearer(app.vertx, "ops", "admin");
    expected.forEach((kind, reason) -> {
      JsonObject status = get("/v1/tasks/" + ids.get(kind), admin, 200);
      assertThat(status.getString("state")).as(kind).isEqualTo("dead");
      assertThat(status.getString("last_error")).as(kind).isEqualTo(reason);
      assertThat(status.getInteger("attempts")).as(kind + ": never looped").isLessThanOrEqualTo(1);
    });
    assertThat(RUNS).as("only the healthy task ran, and the original of the copy in its own queue")
      .containsOnlyKeys("healthy", "copied");
  }

  @Test
  void the_admin_api_shows_why_and_the_dead_counter_counts_by_reason() {
    String admin = Tokens.bearer(app.vertx, "ops", "admin");
    Map<String, String> codes = Map.of("attempts", "damaged", "noEnvelope", "damaged", "state", "damaged",
      "notAHash", "damaged", "tamperedMax", "tampered", "tamperedSubject", "tampered");
    codes.forEach((kind, code) -> {
      JsonObject task = get("/admin/api/queues/default/tasks/" + ids.get(kind), admin, 200);
      assertThat(task.getString("dead_reason")).as(kind).isEqualTo(code);
    });
    JsonObject copied = get("/admin/api/queues/other/tasks/" + ids.get("copied"), admin, 200);
    assertThat(copied.getString("state")).isEqualTo("dead");
    assertThat(copied.getString("last_error")).isEqualTo("envelope of queue 'default' found in queue 'other'");
    assertThat(copied.getString("dead_reason")).isEqualTo("tampered");

    JsonArray dead = get("/admin/api/queues/default/tasks?state=dead&limit=50", admin, 200).getJsonArray("tasks");
    JsonObject noId = dead.stream().map(JsonObject.class::cast)
      .filter(t -> t.getString("task_id").startsWith("NOID")).findFirst().orElseThrow();
    assertThat(noId.getString("last_error")).contains("names no task id").contains("junk");
    assertThat(noId.getString("dead_reason")).isEqualTo("damaged");

    String metrics = Eventually.until(Duration.ofSeconds(10),
      () -> app.client.get("/metrics").send().await().bodyAsString(),
      text -> dead(text, "default", "damaged") == 6 && dead(text, "default", "tampered") == 2
        && dead(text, "other", "tampered") == 1);
    assertThat(dead(metrics, "default", "damaged")).as("attempts, max_attempts, envelope, state, key type, no id")
      .isEqualTo(6);
  }

  @Test
  void nothing_loops_the_healthy_task_ran_once_and_the_corrupt_ones_stay_dead_past_two_leases() throws Exception {
    String admin = Tokens.bearer(app.vertx, "ops", "admin");
    assertThat(get("/v1/tasks/" + ids.get("healthy"), admin, 200).getString("state")).isEqualTo("succeeded");
    Thread.sleep(2L * LEASE_SECONDS * 1000 + 1000); // a test thread, not an event loop: any redelivery would show
    for (String kind : ids.keySet()) {
      JsonObject status = get("/v1/tasks/" + ids.get(kind), admin, 200);
      if (!kind.equals("healthy") && !kind.equals("copied")) {
        assertThat(status.getString("state")).as(kind).isEqualTo("dead");
        assertThat(status.getInteger("attempts")).as(kind).isLessThanOrEqualTo(1);
      }
    }
    assertThat(RUNS.get("healthy")).hasValue(1);
    assertThat(RUNS.get("copied")).as("the original in its own queue ran; the copy did not").hasValue(1);
    assertThat(RUNS).containsOnlyKeys("healthy", "copied");
  }

  @Test
  void the_status_answers_any_stored_record_and_never_a_500() {
    String admin = Tokens.bearer(app.vertx, "ops", "admin");
    String garbage = UlidCreator.getMonotonicUlid().toString();
    send(Request.cmd(Command.HSET).arg(main.task(garbage)).arg("state").arg("exploded").arg("attempts").arg("x")
      .arg("max_attempts").arg("-1e99").arg("enqueued_at").arg("yesterday").arg("result").arg("{not json")
      .arg("envelope").arg("forged.envelope").arg("subject").arg("ops"));
    JsonObject status = get("/v1/tasks/" + garbage, admin, 200);
    assertThat(status.getString("state")).isEqualTo("unknown");
    assertThat(status.getInteger("attempts")).isZero();
    assertThat(status.getString("result_error")).isEqualTo("the stored result is not valid JSON");
    assertThat(get("/v1/tasks/" + garbage, Tokens.bearer(app.vertx, "ops"), 404).getString("error"))
      .as("an unsigned subject proves no ownership").isNotNull();

    String stringKey = UlidCreator.getMonotonicUlid().toString();
    send(Request.cmd(Command.SET).arg(main.task(stringKey)).arg("garbage"));
    JsonObject notAHash = get("/v1/tasks/" + stringKey, admin, 200);
    assertThat(notAHash.getString("state")).isEqualTo("unknown");
    assertThat(notAHash.getString("last_error")).contains("no hash");
    assertThat(get("/admin/api/queues/default/tasks/" + stringKey, admin, 200).getString("state"))
      .isEqualTo("unknown");
  }

  @Test
  void the_owner_is_the_signed_subject_not_the_hash_copy() {
    String tampered = ids.get("tamperedSubject");
    JsonObject seen = get("/v1/tasks/" + tampered, Tokens.bearer(app.vertx, "alice"), 200);
    assertThat(seen.getString("state")).isEqualTo("dead");
    get("/v1/tasks/" + tampered, Tokens.bearer(app.vertx, "mallory"), 404);
    assertThat(app.node.tasks().status(tampered).await().orElseThrow().subject()).isEqualTo("alice");
  }

  private JsonObject get(String path, String token, int expected) {
    HttpResponse<Buffer> r = app.client.get(path).putHeader("Authorization", token).send().await();
    assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(expected);
    return r.bodyAsJsonObject();
  }

  /** The dead counter of {@code queue} for {@code reason}, over every task label. */
  private static double dead(String metrics, String queue, String reason) {
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("courier_tasks_dead_total{") && line.contains("queue=\"" + queue + "\"")
          && line.contains("reason=\"" + reason + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private List<String> deadIds(QueueKeys keys) {
    List<String> out = new ArrayList<>();
    Response r = send(Request.cmd(Command.ZRANGE).arg(keys.dead()).arg(0).arg(-1));
    if (r != null) {
      r.forEach(one -> out.add(one.toString()));
    }
    return out;
  }

  /** What an attacker with write access to Redis could try: run a task signed for one queue from another. */
  private void copyIntoOtherQueue(String id) {
    Response fields = send(Request.cmd(Command.HGETALL).arg(main.task(id)));
    Request copy = Request.cmd(Command.HSET).arg(other.task(id));
    for (String field : fields.getKeys()) {
      if (!field.equals("entry")) {
        copy.arg(field).arg(fields.get(field).toString());
      }
    }
    send(copy);
    String entry = send(Request.cmd(Command.XADD).arg(other.ready()).arg("*").arg("id").arg(id)).toString();
    hset(other, id, "entry", entry);
  }

  private void hset(QueueKeys keys, String id, String field, String value) {
    send(Request.cmd(Command.HSET).arg(keys.task(id)).arg(field).arg(value));
  }

  private Response send(Request request) {
    return redis.send(request).await();
  }
}
