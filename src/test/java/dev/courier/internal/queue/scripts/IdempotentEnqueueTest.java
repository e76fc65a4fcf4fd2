package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.courier.internal.queue.Enqueued;
import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The idempotency check inside {@code enqueueMany-2} and {@code enqueue-3}: the first task of a key is stored, a repeat
 * (in a later call, in the same call, in a coalesced batch, or from another client) stores nothing and names the
 * first; keys are per task name and subject; a key expires with its TTL and can then be used again.
 */
class IdempotentEnqueueTest extends QueueScriptTestBase {

  static final long TTL = 60_000;

  static NewTask keyed(String id, String task, String subject, String key) {
    return new NewTask(id, task, subject, "env-" + id, NOW, NOW, 3, key, TTL);
  }

  static NewTask keyed(String id, String key) {
    return keyed(id, "sendWelcome", "user-1", key);
  }

  String send(Request req) {
    Response r = redis.send(req).await();
    return r == null ? null : r.toString();
  }

  @Test
  void a_repeated_key_stores_nothing_and_names_the_first_task() {
    Enqueued first = queue.enqueueMany(List.of(keyed("t1", "order-42"))).await();
    Enqueued again = queue.enqueueMany(List.of(keyed("t2", "order-42"))).await();

    assertThat(first.repeats()).isEmpty();
    assertThat(again.earlierOf("t2")).isEqualTo(new Enqueued.Earlier("t1", NOW));
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t1");
    assertThat(state.hash("t2")).isEmpty();
    String key = keys.idempotency("sendWelcome", "user-1", "order-42");
    assertThat(send(Request.cmd(Command.GET).arg(key))).isEqualTo("t1");
    assertThat(Long.parseLong(send(Request.cmd(Command.PTTL).arg(key)))).isBetween(TTL - 5_000, TTL);
  }

  @Test
  void two_fires_of_one_key_in_one_call_store_the_first_only() {
    Enqueued answer = queue.enqueueMany(List.of(keyed("t1", "k"), aTask("plain"), keyed("t2", "k"))).await();

    assertThat(answer.repeats()).containsOnly(entry("t2", new Enqueued.Earlier("t1", NOW)));
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t1", "plain");
  }

  @Test
  void concurrent_fires_of_one_key_coalesced_on_a_node_make_one_task() {
    List<Future<Enqueued>> fires = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fires.add(queue.enqueueAll(List.of(keyed("t" + i, "same"))));
    }
    Future.all(fires).await();

    List<RedisState.Entry> stream = state.stream();
    assertThat(stream).hasSize(1);
    String first = stream.get(0).taskId();
    for (int i = 0; i < 50; i++) {
      Enqueued.Earlier earlier = fires.get(i).result().earlierOf("t" + i);
      assertThat(earlier == null ? "t" + i : earlier.taskId()).as("fire %d", i).isEqualTo(first);
    }
  }

  @Test
  void fires_of_one_key_from_two_clients_at_once_make_one_task_per_key() {
    Vertx other = Vertx.vertx();
    Redis otherRedis = Redis.createClient(other, RedisFixture.shared().url());
    try {
      RedisQueue otherQueue = RedisQueue.open(otherRedis, keys).await();
      List<Future<Enqueued>> fires = new ArrayList<>();
      for (int round = 0; round < 40; round++) {
        for (int i = 0; i < 4; i++) {
          fires.add(queue.enqueueAll(List.of(keyed("a" + round + "-" + i, "k" + round))));
          fires.add(otherQueue.enqueueAll(List.of(keyed("b" + round + "-" + i, "k" + round))));
        }
      }
      Future.all(fires).await(30, TimeUnit.SECONDS);

      List<RedisState.Entry> stream = state.stream();
      assertThat(stream).hasSize(40);
      Set<String> stored = new HashSet<>();
      stream.forEach(e -> stored.add(e.taskId()));
      // each fire learns only about its own task, although coalesced fires share a script call
      long repeats = fires.stream().mapToLong(f -> f.result().repeats().size()).sum();
      assertThat(repeats).isEqualTo(40 * 8 - 40);
      fires.forEach(f -> f.result().repeats().values()
          .forEach(earlier -> assertThat(stored).contains(earlier.taskId())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      otherRedis.close().await();
      other.close().await();
    }
  }

  @Test
  void a_key_is_scoped_to_the_task_name_and_the_subject() {
    Enqueued answer = queue.enqueueMany(List.of(keyed("t1", "sendWelcome", "user-1", "k"),
        keyed("t2", "sendReceipt", "user-1", "k"), keyed("t3", "sendWelcome", "user-2", "k"),
        keyed("t4", "sendWelcome", null, "k"),
        // a subject and key that read alike once joined are still two keys
        keyed("t5", "sendWelcome", "user-1:k", "x"), keyed("t6", "sendWelcome", "user-1", "k:x"))).await();

    assertThat(answer.repeats()).isEmpty();
    assertThat(state.stream()).hasSize(6);
  }

  @Test
  void an_expired_key_can_be_used_again() throws InterruptedException {
    queue.enqueueMany(List.of(new NewTask("t1", "sendWelcome", "user-1", "env", NOW, NOW, 3, "k", 50))).await();
    TimeUnit.MILLISECONDS.sleep(200);

    Enqueued later = queue.enqueueMany(List.of(keyed("t2", "k"))).await();

    assertThat(later.repeats()).isEmpty();
    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t1", "t2");
  }

  @Test
  void a_delayed_keyed_task_is_answered_with_its_due_time() {
    NewTask delayed = new NewTask("t1", "sendWelcome", "user-1", "env", NOW, NOW + 5_000, 3, "k", 5_000 + TTL);
    queue.enqueueMany(List.of(delayed)).await();

    Enqueued again = queue.enqueueMany(List.of(keyed("t2", "k"))).await();

    assertThat(again.earlierOf("t2")).isEqualTo(new Enqueued.Earlier("t1", NOW + 5_000));
    assertThat(state.delayed()).containsExactly(entry("t1", NOW + 5_000));
    assertThat(state.stream()).isEmpty();
  }

  @Test
  void a_repeat_whose_first_task_was_deleted_still_names_it_without_a_due_time() {
    queue.enqueueMany(List.of(keyed("t1", "k"))).await();
    send(Request.cmd(Command.DEL).arg(keys.task("t1")));

    assertThat(queue.enqueueMany(List.of(keyed("t2", "k"))).await().earlierOf("t2"))
        .isEqualTo(new Enqueued.Earlier("t1", -1));
  }

  @Test
  void the_single_enqueue_script_checks_the_key_too() {
    assertThat(queue.enqueue(keyed("t1", "k"), NOW).await()).isTrue();
    assertThat(queue.enqueue(keyed("t2", "k"), NOW).await()).isFalse();
    assertThat(queue.enqueue(aTask("t3"), NOW).await()).isTrue();

    assertThat(state.stream()).extracting(RedisState.Entry::taskId).containsExactly("t1", "t3");
    assertThat(send(Request.cmd(Command.GET).arg(keys.idempotency("sendWelcome", "user-1", "k")))).isEqualTo("t1");
  }

  @Test
  void key_names_carry_the_queue_hash_tag() {
    QueueKeys k = new QueueKeys("p", "emails");
    assertThat(k.idempotency("send", "u", "a{b}c")).isEqualTo("p:{emails}:key:4:send:1:u:a{b}c");
    assertThat(k.idempotency("send", null, "x")).isEqualTo("p:{emails}:key:4:send:0::x");
  }
}
