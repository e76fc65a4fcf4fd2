package dev.courier.internal.http;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.internal.testing.TestNode;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that passes a key its contract does not constrain, and lets the refusal escape, answers 400 naming the
 * rule (not a 500): an idempotency key comes from the request. The key itself is never echoed.
 */
class BadIdempotencyKeyTest {

  public static final class Pings {
    @AsyncTask
    public void ping() {
    }
  }

  /** test-ops.yaml's public GET /boom fires with a blank key, as a handler copying an unchecked header would. */
  static final class BlankKeyService implements CourierService {
    @Override
    public String contract() {
      return "openapi/test-ops.yaml";
    }

    @Override
    public void setup(ServiceSetup setup) {
      setup.tasks(new Pings())
        .operation("adminStats", request -> Future.succeededFuture(Reply.ok(new JsonObject())))
        .operation("liar", request -> Future.succeededFuture(Reply.ok(new JsonObject())))
        .operation("boom", request -> setup.taskClient().call(Pings::ping).key(" \t ").fire()
          .map(receipt -> Reply.ok(new JsonObject())));
    }
  }

  @Test
  void a_refused_key_escaping_a_handler_answers_400() {
    try (TestNode app = TestNode.start(new BlankKeyService(), RedisFixture.shared().url(), new JsonObject())) {
      HttpResponse<Buffer> r = app.client.get("/boom").send().await();

      JsonObject error = assertError(r, 400, "bad_request");
      assertThat(error.getString("message")).contains("parameter 'key'").contains("is blank");
    }
  }
}
