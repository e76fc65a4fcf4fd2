package dev.courier.internal.worker;

import dev.courier.internal.testing.ChildJvm;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.SlowTaskService;
import dev.courier.internal.testing.TaskProbe;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerMain;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/** A worker node killed with SIGKILL mid-task: its lease expires and another node runs the task to the end. */
class WorkerCrashTest {

  @TempDir
  Path dir;

  @Test
  void a_task_whose_worker_is_killed_is_redelivered_and_finished_by_another_worker() throws Exception {
    String url = RedisFixture.shared().url();
    try (TestNode api = TestNode.start(new SlowTaskService("api"), url, new JsonObject().put("role", "api"))) {
      JsonObject workerConfig = TestNode.config(url, api.prefix, new JsonObject().put("role", "worker")
        .put("tasks", new JsonObject().put("leaseSeconds", 5)));
      Path config = Files.writeString(dir.resolve("worker.json"), workerConfig.encodePrettily());
      ChildJvm doomed = ChildJvm.start(dir, WorkerMain.class, Map.of(), config.toString(), "doomed");
      try {
        until(Duration.ofSeconds(30), () -> doomed.stdout().contains("READY"));
        TaskProbe probe = new TaskProbe(api);
        String id = api.node.tasks().task("slow").fire("crash-1", 120_000L).await().taskId();
        until(Duration.ofSeconds(10), () -> probe.count(SlowTaskService.starts(api.prefix), "crash-1") == 1);
        assertThat(probe.state(id)).isEqualTo("running");

        doomed.process.destroyForcibly().waitFor();

        try (TestNode survivor = TestNode.start(new SlowTaskService("survivor"), url, api.prefix,
          new JsonObject().put("role", "worker").put("tasks", new JsonObject().put("leaseSeconds", 5)))) {
          until(Duration.ofSeconds(30), () -> probe.state(id).equals("succeeded"));
          assertThat(probe.get(SlowTaskService.finishedBy(api.prefix), "crash-1")).isEqualTo("survivor");
          assertThat(probe.count(SlowTaskService.starts(api.prefix), "crash-1")).isEqualTo(2);
          assertThat(probe.count(SlowTaskService.finishes(api.prefix), "crash-1")).isEqualTo(1);
          assertThat(probe.status(id).attempts()).isEqualTo(2);
        }
      } finally {
        doomed.kill();
      }
    }
  }
}
