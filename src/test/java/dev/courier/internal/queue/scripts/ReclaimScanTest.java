package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Reclaimed;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An orphan behind more live leases than one XAUTOCLAIM step looks at is still found, by following the cursor. */
class ReclaimScanTest extends QueueScriptTestBase {

  @Test
  void the_scan_follows_its_cursor_past_a_thousand_live_leases_to_the_orphan() throws InterruptedException {
    List<String> live = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      live.add(state.send(Request.cmd(Command.XADD).arg(keys.ready()).arg("*").arg("id").arg("live-" + i)).toString());
    }
    for (int batch = 0; batch < 12; batch++) {
      assertThat(readRaw("live-worker", 100)).hasSize(100);
    }
    Claim orphan = aRunningTask("orphan");
    Thread.sleep(1500);
    // the live worker renews all its leases at once; the orphan's worker is gone
    Request renew = Request.cmd(Command.XCLAIM).arg(keys.ready()).arg(keys.group()).arg("live-worker").arg(0);
    live.forEach(renew::arg);
    state.send(renew.arg("JUSTID"));

    int requeued = 0;
    String cursor = Reclaimed.START;
    int steps = 0;
    do {
      Reclaimed step = queue.reclaimExpired(1000, 100, cursor).await();
      requeued += step.requeued();
      cursor = step.cursor();
      steps++;
    } while (!Reclaimed.START.equals(cursor) && steps < 50);

    assertThat(requeued).isEqualTo(1);
    assertThat(steps).as("more than one step was needed").isGreaterThan(1);
    assertThat(state.hash("orphan")).containsEntry("state", "queued");
    assertThat(state.hash("orphan").get("entry")).isNotEqualTo(orphan.entryId());
  }
}
