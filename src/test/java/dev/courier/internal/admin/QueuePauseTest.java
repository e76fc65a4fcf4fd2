package dev.courier.internal.admin;

import dev.courier.example.signup.SignupService;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.testing.Eventually;
import dev.courier.internal.testing.ServiceWithTasks;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pausing a queue through the admin API stops the workers of every node from claiming it, while it still takes fires;
 * resuming it restarts them within one fetch period. Two nodes (one with the API, one worker-only) drain paced tasks.
 */
class QueuePauseTest {

  private static final long FETCH_PERIOD_MS = 2_000;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void a_pause_stops_claims_on_every_node_and_a_resume_restarts_them() throws InterruptedException {
    DrillTasks drill = new DrillTasks();
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    JsonObject tasks = new JsonObject().put("tasks", new JsonObject().put("concurrency", 4));
    try (TestNode api = TestNode.start(new ServiceWithTasks(new SignupService(), drill), url, prefix,
      tasks.copy().put("role", "all"));
         TestNode worker = workerNode(drill, url, prefix, tasks)) {
      RedisQueue queue = new Queues(api.node.redis(), prefix).get("default").await();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        ids.add(api.node.tasks().task("paced").fire(40).await().taskId());
      }
      Eventually.until(Duration.ofSeconds(20), () -> startsOn(drill, api.vertx, 0) >= 5
        && startsOn(drill, worker.vertx, 0) >= 5);

      HttpResponse<Buffer> paused = admin(api, "pause");
      long pausedAt = System.currentTimeMillis();
      assertThat(paused.statusCode()).as(paused.bodyAsString()).isEqualTo(200);
      Thread.sleep(FETCH_PERIOD_MS + 500); // longer than one fetch period: every node has asked again meanwhile
      for (int i = 0; i < 20; i++) {
        ids.add(api.node.tasks().task("paced").fire(40).await().taskId()); // a paused queue still takes fires
      }
      HttpResponse<Buffer> fired = api.client.post("/v1/emails").putHeader("Authorization",
        Tokens.bearer(api.vertx, "alice")).sendJsonObject(new JsonObject().put("to", "bob@example.org")
        .put("subject", "Hi").put("body", "while paused")).await();
      assertThat(fired.statusCode()).isEqualTo(202);
      int startsWhilePaused = drill.starts.size();
      assertThat(queue.counts().await().ready()).as("work is waiting").isGreaterThan(20);

      long resumeSent = System.currentTimeMillis();
      assertThat(admin(api, "resume").statusCode()).isEqualTo(200);
      Eventually.until(Duration.ofMillis(FETCH_PERIOD_MS + 3_000), () -> startsOn(drill, api.vertx, resumeSent) > 0
        && startsOn(drill, worker.vertx, resumeSent) > 0);
      Eventually.until(Duration.ofSeconds(40), () -> drill.starts.size() >= ids.size());

      assertThat(startsWhilePaused).as("bodies started after the pause answered, Java side")
        .isEqualTo((int) drill.starts.stream().filter(s -> s.atMs() < resumeSent).count());
      // started_at is the claiming node's clock as it sent the claim: a claim the pause came before has none to show
      List<Long> claimedBetween = new ArrayList<>();
      for (String id : ids) {
        TaskStatus status = queue.status(id).await();
        long started = status.startedAt().toEpochMilli();
        if (started > pausedAt && started < resumeSent - 100) {
          claimedBetween.add(started);
        }
      }
      assertThat(claimedBetween).as("tasks claimed while the queue was paused").isEmpty();
      assertThat(drill.starts.stream().filter(s -> s.atMs() > pausedAt + 500 && s.atMs() < resumeSent).toList())
        .as("bodies started more than 500 ms after the pause answered").isEmpty();
    }
  }

  private static TestNode workerNode(DrillTasks drill, String url, String prefix, JsonObject tasks) {
    JsonObject json = TestNode.config(url, prefix, tasks.copy().put("role", "worker"));
    json.remove("auth");
    return TestNode.start(new ServiceWithTasks(new SignupService(), drill), ConfigLoader.fromJson(json, Map.of()),
      prefix);
  }

  private static HttpResponse<Buffer> admin(TestNode api, String move) {
    return api.client.post("/admin/api/queues/default/" + move)
      .putHeader("Authorization", Tokens.bearer(api.vertx, "ops-ada", "admin")).send().await();
  }

  private static long startsOn(DrillTasks drill, Vertx node, long afterMs) {
    return drill.starts.stream().filter(s -> s.node() == node && s.atMs() >= afterMs).count();
  }
}
