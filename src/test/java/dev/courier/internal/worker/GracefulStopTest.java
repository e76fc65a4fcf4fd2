package dev.courier.internal.worker;

import dev.courier.internal.task.Envelope;
import dev.courier.internal.task.EnvelopeSigner;

import dev.courier.example.signup.SignupService;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node stopped under load (what SIGTERM does: {@code CourierNode.close()}) stops accepting, finishes the requests in
 * flight, and only then lets go of Redis: every 202 has its task, every request cut off has none.
 */
class GracefulStopTest {

  private static final int LANES = 24;

  @Test
  void stopping_under_load_loses_no_answered_request_and_enqueues_nothing_for_a_cut_one() throws Exception {
    TestNode app = TestNode.start(new SignupService(), RedisFixture.shared().url(), new JsonObject());
    Vertx clients = Vertx.vertx();
    try {
      WebClient client = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(app.node.httpPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(LANES));
      String bearer = Tokens.bearer(app.vertx, "load");
      Map<String, String> accepted = new ConcurrentHashMap<>(); // to -> task id
      Set<String> cut = ConcurrentHashMap.newKeySet();
      List<String> unexpected = new ArrayList<>();
      boolean[] stopLoad = {false};
      List<Future<Void>> lanes = new ArrayList<>();
      for (int lane = 0; lane < LANES; lane++) {
        int l = lane;
        Promise<Void> done = Promise.promise();
        lanes.add(done.future());
        clients.runOnContext(v -> post(client, bearer, l, 0, stopLoad, accepted, cut, unexpected, done));
      }
      // under way: on a busy machine the first answers (JIT, first token check, queue opening) take over a second
      dev.courier.internal.testing.Eventually.until(java.time.Duration.ofSeconds(20), () -> accepted.size() > 10);
      Thread.sleep(200);
      int acceptedBeforeStop = accepted.size();
      app.node.close().await(30, TimeUnit.SECONDS);
      Thread.sleep(300);
      stopLoad[0] = true;
      Future.join(lanes).await(20, TimeUnit.SECONDS);

      Map<String, String> stored = storedTasks(app);
      assertThat(acceptedBeforeStop).as("load was running").isGreaterThan(10);
      assertThat(cut).as("the stopped node refused requests").isNotEmpty();
      assertThat(unexpected).isEmpty();
      accepted.forEach((to, taskId) -> assertThat(stored).as("task of an answered request").containsEntry(to, taskId));
      assertThat(stored.keySet()).as("no task for a cut request").doesNotContainAnyElementsOf(cut);
      assertThat(stored).hasSameSizeAs(accepted);
    } finally {
      clients.close().await();
      app.vertx.close().await();
    }
  }

  private static void post(WebClient client, String bearer, int lane, int seq, boolean[] stop,
                           Map<String, String> accepted, Set<String> cut, List<String> unexpected,
                           Promise<Void> done) {
    if (stop[0]) {
      done.complete();
      return;
    }
    String to = "u" + lane + "-" + seq + "@example.org";
    client.post("/v1/emails").putHeader("Authorization", bearer)
      .sendJsonObject(new JsonObject().put("to", to).put("subject", "s").put("body", "b"))
      .onComplete(ar -> {
        if (ar.failed()) {
          cut.add(to);
        } else if (ar.result().statusCode() == 202) {
          accepted.put(to, ar.result().bodyAsJsonObject().getString("task_id"));
        } else {
          synchronized (unexpected) {
            unexpected.add(ar.result().statusCode() + " " + ar.result().bodyAsString());
          }
        }
        // a refused lane retries a little later, so it does not spin against a closed port
        Vertx.currentContext().owner().setTimer(ar.failed() ? 20 : 1,
          t -> post(client, bearer, lane, seq + 1, stop, accepted, cut, unexpected, done));
      });
  }

  /** Every task hash under the node's prefix: the e-mail's recipient (first argument) -> task id. */
  private static Map<String, String> storedTasks(TestNode app) {
    io.vertx.redis.client.Redis redis = io.vertx.redis.client.Redis.createClient(app.vertx,
      RedisFixture.shared().url());
    try {
      Map<String, String> byRecipient = new HashMap<>();
      String cursor = "0";
      Set<String> keys = new HashSet<>();
      do {
        Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH")
          .arg(app.prefix + ":{default}:task:*").arg("COUNT").arg(1000)).await();
        cursor = page.get(0).toString();
        page.get(1).forEach(k -> keys.add(k.toString()));
      } while (!cursor.equals("0"));
      for (String key : keys) {
        String sealed = redis.send(Request.cmd(Command.HGET).arg(key).arg("envelope")).await().toString();
        Envelope envelope = new EnvelopeSigner(TestNode.SIGNING_KEY).open(sealed);
        byRecipient.put(envelope.args().getString(0), envelope.id());
      }
      return byRecipient;
    } finally {
      redis.close();
    }
  }
}
