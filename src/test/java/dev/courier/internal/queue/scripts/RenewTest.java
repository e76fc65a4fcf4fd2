package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewTest extends QueueScriptTestBase {

  @Test
  void one_renewal_resets_the_idle_time_of_every_pending_entry_named() throws InterruptedException {
    Claim a = aRunningTask("a");
    Claim b = aRunningTask("b");
    Thread.sleep(700);
    assertThat(state.pending().get(0).idleMs()).isGreaterThanOrEqualTo(700);

    assertThat(queue.renew("worker-1", List.of(a.entryId(), b.entryId())).await())
        .containsExactlyInAnyOrder(a.entryId(), b.entryId());

    for (RedisState.Pending p : state.pending()) {
      assertThat(p.consumer()).isEqualTo("worker-1");
      assertThat(p.idleMs()).as("reset by the renewal").isLessThan(600);
      assertThat(p.deliveries()).isEqualTo(1); // JUSTID: a renewal is not a redelivery
    }
    assertThat(state.hash("a")).containsEntry("state", "running");
  }

  @Test
  void an_acknowledged_entry_is_missing_from_the_answer() {
    Claim done = aRunningTask("done");
    Claim running = aRunningTask("running");
    queue.complete(List.of(Completion.of(done)), NOW, DAY).await();

    assertThat(queue.renew("worker-1", List.of(done.entryId(), running.entryId())).await())
        .containsExactly(running.entryId());
    assertThat(state.pending()).extracting(RedisState.Pending::entryId).containsExactly(running.entryId());
  }
}
