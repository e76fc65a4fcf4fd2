package dev.courier.internal.queue.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.Test;

class NoScriptRecoveryTest extends QueueScriptTestBase {

  @Test
  void scripts_still_run_after_script_flush() {
    flushScripts();
    assertThat(queue.enqueue(aTask("t1"), NOW).await()).isTrue();
    flushScripts();
    Claim c = claimAll("worker-1").get(0).claim();
    flushScripts();
    assertThat(queue.complete(java.util.List.of(Completion.of(c)), NOW, DAY).await()).containsExactly(true);

    assertThat(state.hash("t1")).containsEntry("state", "succeeded");
  }

  @Test
  void the_fallback_caches_the_script_again() {
    flushScripts();
    queue.promoteDue(NOW, 10).await();

    assertThat(scriptCacheSize()).isEqualTo(1); // EVAL re-cached exactly the script that ran
  }

  private void flushScripts() {
    state.send(Request.cmd(Command.SCRIPT).arg("FLUSH"));
  }

  private long scriptCacheSize() {
    String info = state.send(Request.cmd(Command.INFO).arg("memory")).toString();
    return info.lines().filter(l -> l.startsWith("number_of_cached_scripts:"))
        .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
  }
}
