package dev.courier.internal.launch;

import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.testing.Eventually;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.launch.script.ScriptTasks;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A worker-only node needs neither a contract nor a JWT key: it serves no API and verifies no token. */
class WorkerOnlyNodeTest {

  private final String url = RedisFixture.shared().url();
  private final String prefix = RedisFixture.uniquePrefix();

  @Test
  void a_worker_only_node_without_contract_or_jwt_key_starts_and_runs_tasks() {
    CourierConfig config = TestNode.workerConfig(url, prefix);
    assertThat(config.auth().secret()).isEmpty();
    try (TestNode worker = TestNode.start(new WorkerOnlyService(new ScriptTasks()), config, prefix)) {
      String marker = "worker-only-" + UUID.randomUUID();
      String id = worker.node.tasks().call(ScriptTasks::note).fire(marker, 3).await().taskId();
      ScriptTasks.Run run = Eventually.until(Duration.ofSeconds(10), () -> ScriptTasks.run(marker), Objects::nonNull);
      assertThat(run.taskId()).isEqualTo(id);
      assertThat(run.times()).isEqualTo(3);
      assertThat(worker.client.get("/health/ready").send().await().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void main_starts_no_contract_parse_on_a_worker_only_node_and_does_on_an_api_node() {
    Vertx vertx = Vertx.vertx();
    try {
      WorkerOnlyService service = new WorkerOnlyService();
      assertThat(NodeMain.earlyContract(vertx, TestNode.workerConfig(url, prefix), service)).isNull();
      CourierConfig api = ConfigLoader.fromJson(TestNode.config(url, prefix, new JsonObject()), Map.of());
      assertThatThrownBy(() -> NodeMain.earlyContract(vertx, api, service)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("asked for the contract");
    } finally {
      vertx.close().await();
    }
  }
}
