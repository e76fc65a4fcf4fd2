package dev.courier.internal.worker;

import dev.courier.internal.queue.QueueKeys;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/** A worker node that stops cleanly removes its consumer from the group: restarts do not pile consumers up. */
class ConsumerCleanupTest {

  @Test
  void consumers_do_not_accumulate_across_ten_restarts() {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    for (int i = 0; i < 10; i++) {
      try (TestNode node = TestNode.start(new SlowTaskService("n" + i), url, prefix,
        new JsonObject().put("role", "all"))) {
        TaskProbe probe = new TaskProbe(node);
        String id = node.node.tasks().task("slow").fire("run-" + i, 1L).await().taskId();
        until(Duration.ofSeconds(10), () -> probe.state(id).equals("succeeded"));
        assertThat(consumers(node, prefix)).as("the running node has its consumer").isEqualTo(1);
        if (i == 9) {
          node.node.close().await();
          try (TestNode reader = TestNode.start(new SlowTaskService("r"), url, prefix, new JsonObject())) {
            assertThat(consumers(reader, prefix)).isZero();
          }
        }
      }
    }
  }

  private static int consumers(TestNode node, String prefix) {
    QueueKeys keys = new QueueKeys(prefix, "default");
    Response r = node.node.redis().send(Request.cmd(Command.XINFO).arg("CONSUMERS").arg(keys.ready())
      .arg(keys.group())).await();
    return r.size();
  }
}
