package dev.courier.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.queue.Claim;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadTest extends QueueScriptTestBase {

  @Test
  void read_claims_new_entries_for_the_consumer_on_a_dedicated_connection() {
    queue.enqueue(aTask("t1"), NOW).await();
    queue.enqueue(aTask("t2"), NOW).await();

    List<Claim> claims = readAll("worker-1");

    assertThat(claims).extracting(Claim::taskId).containsExactly("t1", "t2");
    assertThat(claims.get(0).entryId()).isEqualTo(state.hash("t1").get("entry"));
    assertThat(claims.get(1).entryId()).isEqualTo(state.hash("t2").get("entry"));
    assertThat(state.pending()).extracting(RedisState.Pending::entryId, RedisState.Pending::consumer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(claims.get(0).entryId(), "worker-1"),
            org.assertj.core.groups.Tuple.tuple(claims.get(1).entryId(), "worker-1"));
    assertThat(state.stream()).hasSize(2); // delivered entries stay until acknowledged
    assertThat(stateOf("t1").wireName()).isEqualTo("queued");
  }

  @Test
  void read_returns_an_empty_list_when_the_block_times_out() {
    RedisConnection conn = redis.connect().await();
    try {
      long t0 = System.nanoTime();
      List<Claim> claims = queue.read(conn, "worker-1", 10, 200).await();
      long tookMs = (System.nanoTime() - t0) / 1_000_000;

      assertThat(claims).isEmpty();
      assertThat(tookMs).isGreaterThanOrEqualTo(150);
      assertThat(state.pending()).isEmpty();
    } finally {
      conn.close().await();
    }
  }

  @Test
  void an_entry_is_delivered_to_one_consumer_only() {
    queue.enqueue(aTask("t1"), NOW).await();

    assertThat(readAll("worker-1")).hasSize(1);
    assertThat(readAll("worker-2")).isEmpty();
  }

  @Test
  void read_recreates_a_vanished_group_and_then_delivers() {
    state.send(Request.cmd(Command.DEL).arg(keys.ready())); // as after a Redis restart without persistence

    assertThat(readAll("worker-1")).isEmpty();
    queue.enqueue(aTask("t1"), NOW).await();

    assertThat(readAll("worker-1")).extracting(Claim::taskId).containsExactly("t1");
  }
}
