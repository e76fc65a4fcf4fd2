package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruneConsumersTest extends QueueScriptTestBase {

  @Test
  void consumers_without_pending_entries_are_pruned_and_busy_ones_kept() {
    Claim running = aRunningTask("t1"); // worker-1 holds a pending entry
    addConsumer("idle-1");
    addConsumer("idle-2");
    assertThat(consumers()).containsExactlyInAnyOrder("worker-1", "idle-1", "idle-2");

    assertThat(queue.pruneConsumers(60_000, null).await()).as("none idle long enough").isZero();
    assertThat(queue.pruneConsumers(0, null).await()).isEqualTo(2);

    assertThat(consumers()).containsExactly("worker-1");
    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(running.entryId());
  }

  @Test
  void a_stopping_node_removes_only_itself_and_only_when_it_holds_nothing() {
    Claim running = aRunningTask("t1");
    addConsumer("other");

    assertThat(queue.pruneConsumers(0, "worker-1").await()).as("still holds t1").isZero();
    queue.complete(List.of(Completion.of(running)), NOW, DAY).await();
    assertThat(queue.pruneConsumers(0, "worker-1").await()).isEqualTo(1);

    assertThat(consumers()).containsExactly("other");
  }

  private void addConsumer(String name) {
    state.send(Request.cmd(Command.XGROUP).arg("CREATECONSUMER").arg(keys.ready()).arg(keys.group()).arg(name));
  }

  private List<String> consumers() {
    Response r = state.send(Request.cmd(Command.XINFO).arg("CONSUMERS").arg(keys.ready()).arg(keys.group()));
    List<String> names = new ArrayList<>();
    for (Response c : r) {
      if (c.isMap()) {
        names.add(c.get("name").toString());
      } else {
        for (int i = 0; i + 1 < c.size(); i += 2) {
          if ("name".equals(c.get(i).toString())) {
            names.add(c.get(i + 1).toString());
          }
        }
      }
    }
    return names;
  }
}
