package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Claimed;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.Started;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Batches longer than Lua's stack: one script call given 10,000 completions must write them all (no `unpack` of the
 * whole list), and the Java side never sends more than 1,000 completions in one call.
 */
class BigBatchTest extends QueueScriptTestBase {

  private static final int N = 10_000;

  @Test
  void one_complete_call_of_ten_thousand_deliveries_completes_them_all() {
    List<Claim> claims = runningTasks(N);
    List<String> args = new ArrayList<>(List.of(keys.group(), Long.toString(NOW + 5), Long.toString(DAY),
        keys.taskPrefix()));
    addCompletions(args, claims);

    Response owned = LuaSource.eval(state, "complete-1", List.of(keys.ready()), args);

    assertThat(owned.size()).isEqualTo(N);
    owned.forEach(one -> assertThat(one.toLong()).isEqualTo(1L));
    assertAllSucceeded(claims);
    assertThat(streamLength()).isZero();
    assertThat(pendingCount()).isZero();
    assertThat(state.dead()).isEmpty();
  }

  @Test
  void one_claim_carrying_ten_thousand_completions_completes_them_all_and_still_claims() {
    List<Claim> claims = runningTasks(N);
    queue.enqueue(aTask("next"), NOW).await();
    List<String> args = new ArrayList<>(List.of(keys.group(), "worker-2", "10", Long.toString(NOW + 5),
        Long.toString(DAY), keys.taskPrefix(), Long.toString(DAY)));
    addCompletions(args, claims);

    Response r = LuaSource.eval(state, "claim-3", List.of(keys.ready(), keys.dead(), keys.paused()), args);

    assertThat(r.get(1).toInteger()).isEqualTo(N);
    for (int i = 0; i < N; i++) {
      assertThat(r.get(2 + i).toLong()).as("completion %d", i).isEqualTo(1L);
    }
    assertThat(r.get(2 + N).toInteger()).as("burials").isZero();
    assertThat(r.get(3 + N + 1).toString()).as("the one new task started").isEqualTo("next");
    assertThat(r.size()).isEqualTo(3 + N + 7);
    assertAllSucceeded(claims);
    assertThat(state.hash("next")).containsEntry("state", "running").containsEntry("attempts", "1");
    assertThat(streamLength()).as("only the new task's entry is left").isEqualTo(1);
    assertThat(state.pending()).extracting(RedisState.Pending::consumer).containsExactly("worker-2");
  }

  @Test
  void the_java_side_completes_a_long_list_in_calls_of_at_most_1000_and_answers_in_order() {
    List<Claim> claims = runningTasks(2_500);
    List<Integer> stale = List.of(0, 999, 1_000, 2_499);
    stale.forEach(i -> state.send(Request.cmd(Command.HSET).arg(keys.task(claims.get(i).taskId())).arg("entry")
        .arg("1-1")));
    long calls = scriptCalls();

    List<Boolean> owned = queue.complete(claims.stream().map(Completion::of).toList(), NOW + 5, DAY).await();

    assertThat(scriptCalls() - calls).as("script calls").isEqualTo(3);
    assertThat(owned).hasSize(2_500);
    for (int i = 0; i < owned.size(); i++) {
      assertThat(owned.get(i)).as("completion %d", i).isEqualTo(!stale.contains(i));
    }
    assertThat(state.hash(claims.get(1).taskId())).containsEntry("state", "succeeded");
    assertThat(state.hash(claims.get(999).taskId())).containsEntry("state", "running");
    assertThat(pendingCount()).isZero();
  }

  @Test
  void the_java_side_splits_a_claims_long_list_of_completions_and_claims_once() {
    List<Claim> claims = runningTasks(2_500);
    state.send(Request.cmd(Command.HSET).arg(keys.task(claims.get(1_700).taskId())).arg("entry").arg("1-1"));
    queue.enqueue(aTask("next"), NOW).await();
    long calls = scriptCalls();

    Claimed claimed = queue.claim("worker-2", 10, NOW + 5, DAY, claims.stream().map(Completion::of).toList(), DAY)
        .await();

    assertThat(scriptCalls() - calls).as("script calls").isEqualTo(3);
    assertThat(claimed.completed()).hasSize(2_500);
    assertThat(claimed.completed().indexOf(false)).isEqualTo(1_700);
    assertThat(claimed.completed().lastIndexOf(false)).isEqualTo(1_700);
    assertThat(claimed.runs()).extracting(Started::taskId).containsExactly("next");
    assertThat(pendingCount()).isEqualTo(1);
  }

  /** {@code n} tasks enqueued and claimed (started) by worker-1, in order. */
  private List<Claim> runningTasks(int n) {
    for (int from = 0; from < n; from += 1_000) {
      List<NewTask> batch = IntStream.range(from, Math.min(n, from + 1_000))
          .mapToObj(i -> aTask(String.format("t%05d", i))).toList();
      queue.enqueueMany(batch).await();
    }
    List<Claim> claims = new ArrayList<>(n);
    while (claims.size() < n) {
      queue.claim("worker-1", 1_000, NOW, DAY).await().runs().forEach(s -> claims.add(s.claim()));
    }
    return claims;
  }

  /** Every 10th completion carries a result. */
  private static void addCompletions(List<String> args, List<Claim> claims) {
    for (int i = 0; i < claims.size(); i++) {
      Claim c = claims.get(i);
      if (i % 10 == 0) {
        args.addAll(List.of("+" + c.entryId(), c.taskId(), "{\"n\":" + i + "}"));
      } else {
        args.addAll(List.of(c.entryId(), c.taskId()));
      }
    }
  }

  private void assertAllSucceeded(List<Claim> claims) {
    List<Request> reads = new ArrayList<>(claims.size());
    claims.forEach(c -> reads.add(Request.cmd(Command.HMGET).arg(keys.task(c.taskId())).arg("state").arg("entry")
        .arg("finished_at").arg("result")));
    List<Response> rows = new ArrayList<>(reads.size());
    for (int from = 0; from < reads.size(); from += 1_000) { // the client queues at most a few thousand commands
      rows.addAll(redis.batch(reads.subList(from, Math.min(reads.size(), from + 1_000))).await());
    }
    for (int i = 0; i < claims.size(); i++) {
      Response row = rows.get(i);
      assertThat(row.get(0).toString()).as("state of %s", claims.get(i).taskId()).isEqualTo("succeeded");
      assertThat(row.get(1).toString()).isEqualTo(claims.get(i).entryId());
      assertThat(row.get(2).toString()).isEqualTo(Long.toString(NOW + 5));
      assertThat(row.get(3) == null ? null : row.get(3).toString()).isEqualTo(i % 10 == 0 ? "{\"n\":" + i + "}" : null);
    }
  }

  private long streamLength() {
    return state.send(Request.cmd(Command.XLEN).arg(keys.ready())).toLong();
  }

  private long pendingCount() {
    return state.send(Request.cmd(Command.XPENDING).arg(keys.ready()).arg(keys.group())).get(0).toLong();
  }

  /** Script calls Redis has run so far (EVALSHA and EVAL), from its command statistics. */
  private long scriptCalls() {
    String info = state.send(Request.cmd(Command.INFO).arg("commandstats")).toString();
    return info.lines().filter(l -> l.startsWith("cmdstat_evalsha:") || l.startsWith("cmdstat_eval:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"))).sum();
  }
}
