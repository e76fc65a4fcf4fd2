package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an enqueue costs Redis, counted by Redis itself ({@code INFO commandstats} counts the commands a script runs as
 * well as the EVALSHA): at most 3 commands per task due now. A private Redis, so no other test's commands count.
 */
class EnqueueCommandsTest {

  static final long NOW = 1_700_000_000_000L;
  static final List<String> ADMIN = List.of("info", "config", "hello", "select", "client", "ping");

  static RedisFixture server;
  static Vertx vertx;
  static Redis redis;
  RedisQueue queue;

  @BeforeAll
  static void startRedis() {
    server = RedisFixture.start();
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, server.url());
  }

  @AfterAll
  static void stopRedis() {
    redis.close().await();
    vertx.close().await();
    server.close();
  }

  @BeforeEach
  void openQueue() {
    queue = RedisQueue.open(redis, new QueueKeys(RedisFixture.uniquePrefix(), "emails")).await();
    queue.enqueue(task("warm-up"), NOW).await(); // script cache and pooled connection in place before counting
    redis.send(Request.cmd(Command.CONFIG).arg("RESETSTAT")).await();
  }

  static NewTask task(String id) {
    return new NewTask(id, "sendWelcome", "user-1", "env-" + id, NOW, NOW, 3);
  }

  /** Commands Redis ran since the last reset, by name, without the connection and stats commands. */
  Map<String, Long> commands() {
    String info = redis.send(Request.cmd(Command.INFO).arg("commandstats")).await().toString();
    Map<String, Long> calls = new TreeMap<>();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        long n = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
        if (!ADMIN.contains(name.split("\\|")[0])) { // Redis 7 names subcommands "config|resetstat"
          calls.put(name, n);
        }
      }
    }
    return calls;
  }

  static long total(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void one_enqueue_of_a_task_due_now_runs_three_commands() {
    for (int i = 0; i < 10; i++) {
      queue.enqueue(task("t" + i), NOW).await();
    }

    assertThat(commands()).containsOnly(Map.entry("evalsha", 10L), Map.entry("xadd", 10L), Map.entry("hset", 10L));
  }

  @Test
  void concurrent_enqueues_run_at_most_three_commands_per_task() {
    List<Future<?>> fired = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fired.add(queue.enqueueAll(List.of(task("t" + i))));
    }
    Future.all(fired).await();

    Map<String, Long> calls = commands();
    assertThat(calls).containsEntry("xadd", 50L).containsEntry("hset", 50L);
    assertThat(total(calls)).isLessThanOrEqualTo(150);
  }

  @Test
  void a_keyed_fire_adds_one_set_and_a_repeat_stores_nothing() {
    for (int i = 0; i < 10; i++) {
      queue.enqueueAll(List.of(keyed("k" + i, "first-" + i))).await();
    }
    assertThat(commands()).containsOnly(Map.entry("evalsha", 10L), Map.entry("set", 10L), Map.entry("xadd", 10L),
        Map.entry("hset", 10L));

    redis.send(Request.cmd(Command.CONFIG).arg("RESETSTAT")).await();
    for (int i = 0; i < 10; i++) {
      queue.enqueueAll(List.of(keyed("k" + i, "again-" + i))).await();
    }
    assertThat(commands()).containsOnly(Map.entry("evalsha", 10L), Map.entry("set", 10L), Map.entry("get", 10L),
        Map.entry("hget", 10L));
  }

  static NewTask keyed(String key, String id) {
    return new NewTask(id, "sendWelcome", "user-1", "env-" + id, NOW, NOW, 3, key, 60_000);
  }

  @Test
  void a_batch_runs_one_script_call_and_two_commands_per_task() {
    queue.enqueueAll(IntStream.range(0, 100).mapToObj(i -> task("t" + i)).collect(Collectors.toList())).await();

    assertThat(commands()).containsOnly(Map.entry("evalsha", 1L), Map.entry("xadd", 100L), Map.entry("hset", 100L));
  }
}
