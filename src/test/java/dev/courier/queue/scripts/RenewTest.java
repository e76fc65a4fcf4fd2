package dev.courier.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.queue.Claim;
import org.junit.jupiter.api.Test;

class RenewTest extends QueueScriptTestBase {

  @Test
  void renew_resets_the_idle_time_of_a_pending_entry() throws InterruptedException {
    Claim c = aRunningTask("t1");
    Thread.sleep(700);
    assertThat(state.pending().get(0).idleMs()).isGreaterThanOrEqualTo(700);

    assertThat(queue.renew("worker-1", c).await()).isTrue();

    RedisState.Pending p = state.pending().get(0);
    assertThat(p.entryId()).isEqualTo(c.entryId());
    assertThat(p.consumer()).isEqualTo("worker-1");
    assertThat(p.idleMs()).as("reset by the renewal").isLessThan(600);
    assertThat(p.deliveries()).isEqualTo(1); // JUSTID: a renewal is not a redelivery
    assertThat(state.hash("t1")).containsEntry("state", "running");
  }

  @Test
  void renew_fails_once_the_entry_was_acknowledged() {
    Claim c = aRunningTask("t1");
    queue.complete(c, NOW, DAY).await();

    assertThat(queue.renew("worker-1", c).await()).isFalse();
    assertThat(state.pending()).isEmpty();
  }
}
