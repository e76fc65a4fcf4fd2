package dev.courier.launch;

import dev.courier.context.Principal;
import dev.courier.internal.testing.Eventually;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.launch.script.ScriptTasks;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskReceipt;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client without a node ({@link Courier#client}) fires tasks that a worker-only node runs; neither has a JWT key and
 * the client has no http keys either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourierClientTest {

  private final String url = RedisFixture.shared().url();
  private final String prefix = RedisFixture.uniquePrefix();
  private TestNode worker;

  /** A task whose parameter no task can carry: a client refuses it as a node refuses its bean. */
  public static final class Uncarryable {
    @AsyncTask(name = "uncarryable")
    public void run(Thread thread) {
    }
  }

  @BeforeAll
  void startWorker() {
    worker = TestNode.start(new WorkerOnlyService(new ScriptTasks()), TestNode.workerConfig(url, prefix), prefix);
  }

  @AfterAll
  void stopWorker() {
    worker.close();
  }

  private JsonObject config() {
    JsonObject config = TestNode.clientConfig(url, prefix);
    assertThat(config.fieldNames()).containsExactlyInAnyOrder("redis", "tasks");
    return config;
  }

  private static String marker() {
    return "client-" + UUID.randomUUID();
  }

  private static ScriptTasks.Run runOf(String marker) {
    return Eventually.until(Duration.ofSeconds(10), () -> ScriptTasks.run(marker), Objects::nonNull);
  }

  @Test
  void a_typed_call_from_a_client_runs_on_a_worker_node_anonymously() {
    CourierClient client = Courier.client(config());
    try {
      String marker = marker();
      TaskReceipt receipt = client.tasks().call(ScriptTasks::note).fire(marker, 2).await();
      ScriptTasks.Run run = runOf(marker);
      assertThat(run.taskId()).isEqualTo(receipt.taskId());
      assertThat(run.times()).isEqualTo(2);
      assertThat(run.principal()).isNull();
      assertThat(run.requestId()).isNull();
    } finally {
      client.close().await();
    }
  }

  @Test
  void a_task_is_fired_by_name_once_its_class_is_declared() {
    CourierClient client = Courier.client(config());
    try {
      assertThatThrownBy(() -> client.tasks().task("scriptNote")).isInstanceOf(TaskArgumentException.class)
        .hasMessageContaining("no task named 'scriptNote'").hasMessageContaining("client.declare(");
      String marker = marker();
      client.declare(ScriptTasks.class).declare(ScriptTasks.class); // declaring again is harmless
      String id = client.tasks().task("scriptNote").fire(marker, 5).await().taskId();
      assertThat(runOf(marker).taskId()).isEqualTo(id);
      assertThat(runOf(marker).times()).isEqualTo(5);
      assertThatThrownBy(() -> client.tasks().task("scriptNote").fire(marker, "five"))
        .isInstanceOf(TaskArgumentException.class).hasMessageContaining("parameter 'times'");
    } finally {
      client.close().await();
    }
  }

  @Test
  void a_task_fired_on_behalf_of_a_principal_runs_as_that_principal() {
    CourierClient client = Courier.client(config());
    try {
      String marker = marker();
      Principal ops = new Principal("ops-bot", Set.of("ops"), new JsonObject().put("sub", "ops-bot"));
      String id = client.tasks().onBehalfOf(ops).call(ScriptTasks::note).fire(marker, 1).await().taskId();
      ScriptTasks.Run run = runOf(marker);
      assertThat(run.principal().subject()).isEqualTo("ops-bot");
      assertThat(run.principal().roles()).containsExactly("ops");
      assertThat(run.principal().claims().getString("sub")).isEqualTo("ops-bot");
      assertThat(new TaskProbe(worker).status(id).subject()).as("the task's recorded owner").isEqualTo("ops-bot");
      String anonymous = marker();
      client.tasks().call(ScriptTasks::note).fire(anonymous, 1).await();
      assertThat(runOf(anonymous).principal()).as("onBehalfOf answers a new client").isNull();
    } finally {
      client.close().await();
    }
  }

  @Test
  void a_client_on_a_given_vertx_leaves_it_open() {
    Vertx vertx = Vertx.vertx();
    try {
      CourierClient client = Courier.client(vertx, config());
      String marker = marker();
      client.tasks().call(ScriptTasks::note).delay(Duration.ofMillis(200)).fire(marker, 4).await();
      client.close().await();
      assertThat(runOf(marker).times()).isEqualTo(4);
      assertThat(vertx.executeBlocking(() -> "still open").await()).isEqualTo("still open");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_typed_call_checks_its_method_as_registration_would() {
    CourierClient client = Courier.client(config());
    try {
      assertThatThrownBy(() -> client.tasks().call(Uncarryable::run)).isInstanceOf(TaskArgumentException.class)
        .hasMessageContaining("task 'uncarryable' parameter 'thread' has type java.lang.Thread");
      assertThatThrownBy(() -> client.tasks().call(ScriptTasks::helper)).isInstanceOf(TaskArgumentException.class)
        .hasMessage("ScriptTasks.helper(String) cannot be fired as a task: it has no @AsyncTask annotation");
      assertThatThrownBy(() -> client.declare(Uncarryable.class)).isInstanceOf(TaskArgumentException.class);
    } finally {
      client.close().await();
    }
  }

  @Test
  void a_bad_config_is_refused_in_one_line_naming_the_key() {
    JsonObject noKey = config();
    noKey.getJsonObject("tasks").remove("signingKey");
    assertThatThrownBy(() -> Courier.client(noKey)).isInstanceOf(IllegalArgumentException.class)
      .hasMessage("config key 'tasks.signingKey' is missing; set it in the config file or in"
        + " COURIER_TASKS_SIGNING_KEY");
    assertThatThrownBy(() -> Courier.client(config().put("htp", new JsonObject())))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'htp' is unknown");
  }

  @Test
  void a_node_config_file_serves_a_client_as_it_is() {
    JsonObject nodeConfig = TestNode.config(url, prefix, new JsonObject().put("role", "api"));
    CourierClient client = Courier.client(nodeConfig);
    try {
      String marker = marker();
      List<TaskReceipt> receipts = client.tasks().call(ScriptTasks::note).fireAll(List.of(marker), m -> m, m -> 9)
        .await();
      assertThat(receipts).hasSize(1);
      assertThat(runOf(marker).times()).isEqualTo(9);
    } finally {
      client.close().await();
    }
  }
}
