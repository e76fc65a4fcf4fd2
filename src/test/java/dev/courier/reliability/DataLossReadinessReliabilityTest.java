package dev.courier.reliability;

import dev.courier.internal.auth.TokenMinter;
import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.courier.reliability.RedisPartitionReliabilityTest.statuses;

/**
 * Issue 14, fault 6: Redis loses its data ({@code FLUSHALL}) under load, with an API node (its own JVM) and a worker
 * node (in this JVM, its log captured), the readiness of both probed all along. The loss must show in the API node's
 * log (ERROR), metrics ({@code courier_queue_data_losses_total}) and admin API, while its {@code /health/ready} stays
 * 200: a loss is reported, not a reason to take the API out of its load balancer. The worker node's readiness is
 * recorded. One flush at 20 fires/s by default; three, 10 s apart, at 200 fires/s under -Preliability.
 */
class DataLossReadinessReliabilityTest extends OwnRedisFaults {

  private static final Pattern LOSS_LOG = Pattern.compile("Redis lost the data");
  private static final Pattern LOSS_METRIC =
    Pattern.compile("(?m)^courier_queue_data_losses_total\\{[^}]*queue=\"default\"[^}]*} ([0-9.]+)");
  private static final Pattern LOSS_IN_ADMIN = Pattern.compile("(?i)\\blos[st]|data_loss");

  @Test
  void aFlushedRedisShowsInLogMetricsAndAdminWhileTheApiNodeStaysReady() throws Exception {
    run(1, 20);
  }

  @Test
  @Tag("reliability")
  void threeFlushesUnderLoadShowInLogMetricsAndAdminWhileTheApiNodeStaysReady() throws Exception {
    run(3, 200);
  }

  private void run(int flushes, int perSecond) throws Exception {
    String prefix = RedisFixture.uniquePrefix();
    String admin;
    Vertx vertx = Vertx.vertx();
    try {
      admin = "Bearer " + TokenMinter.mint(vertx, "HS256", TestNode.SECRET, Tokens.claims("ops", "admin"), 3_600);
    } finally {
      vertx.close().await();
    }
    try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
         ChildNode api = ChildNode.start(dir, "api", redis.url(), prefix, new JsonObject().put("role", "api"),
           List.of("-Xmx256m"), Map.of());
         LogLines workerLog = LogLines.capture();
         TestNode worker = TestNode.start(new OutboxTaskService(), redis.url(), prefix,
           new JsonObject().put("role", "worker"));
         NodeHttp.ReadinessSampler apiReady = new NodeHttp.ReadinessSampler(api.port, 200);
         NodeHttp.ReadinessSampler workerReady = new NodeHttp.ReadinessSampler(worker.node.httpPort(), 200);
         HttpFireLoad load = new HttpFireLoad(api.port, perSecond, 64).start()) {
      Thread.sleep(2_500); // a loss check (every 2 s) has counted the queue
      long firstFlush = System.currentTimeMillis();
      List<Long> shownMs = new ArrayList<>();
      String adminBody = "";
      for (int i = 1; i <= flushes; i++) {
        if (i > 1) {
          Thread.sleep(10_000);
        }
        redis.cli("FLUSHALL");
        long flushed = System.currentTimeMillis();
        long shown = -1;
        while (System.currentTimeMillis() < flushed + 15_000) {
          adminBody = NodeHttp.get(api.port, "/admin/api/queues", admin, Duration.ofSeconds(5)).body();
          if (NodeLog.lines(api, "ERROR", LOSS_LOG).size() >= i && lossMetric(api) >= i
            && LOSS_IN_ADMIN.matcher(adminBody).find()) {
            shown = System.currentTimeMillis() - flushed;
            break;
          }
          Thread.sleep(200);
        }
        shownMs.add(shown);
      }
      Thread.sleep(1_000);
      long end = System.currentTimeMillis();
      load.stop();
      List<NodeHttp.Answer> apiSince = apiReady.within(firstFlush, end);
      List<NodeHttp.Answer> workerSince = workerReady.within(firstFlush, end);
      int logged = NodeLog.lines(api, "ERROR", LOSS_LOG).size();
      double metric = lossMetric(api);
      String downBecause = apiSince.stream().filter(a -> a.status() != 200).map(NodeHttp.Answer::body).findFirst()
        .orElse("");

      Figures.of("redis-flushall-readiness").put("flushes", flushes).put("rate_per_s", perSecond)
        .put("accepted", load.acceptedCount()).put("other_answers", load.others())
        .put("ms_to_log_metric_and_admin", shownMs).put("api_loss_log_lines", logged).put("api_loss_metric", metric)
        .put("api_readiness_since_flush", statuses(apiSince))
        .put("worker_readiness_since_flush", statuses(workerSince))
        .put("worker_loss_log_lines", workerLog.where(l -> "ERROR".equals(l.getString("level"))
          && LOSS_LOG.matcher(l.getString("msg", "")).find()).size()).record();

      String admin0 = adminBody;
      SoftAssertions.assertSoftly(soft -> {
        soft.assertThat(apiSince).as("API readiness probes after the flush").isNotEmpty()
          .extracting(NodeHttp.Answer::status).as("API readiness after the flush (first non-200: %s)", downBecause)
          .containsOnly(200);
        soft.assertThat(logged).as("ERROR lines of the API node saying Redis lost the data").isEqualTo(flushes);
        soft.assertThat(metric).as("courier_queue_data_losses_total{queue=default} on the API node")
          .isEqualTo(flushes);
        soft.assertThat(admin0).as("the admin API's queue list, after the flush").containsPattern(LOSS_IN_ADMIN);
        soft.assertThat(shownMs).as("ms from each flush to the loss shown in log, metrics and admin API")
          .allMatch(ms -> ms >= 0);
      });
    }
  }

  private static double lossMetric(ChildNode node) {
    Matcher m = LOSS_METRIC.matcher(NodeHttp.get(node.port, "/metrics", null, Duration.ofSeconds(5)).body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
