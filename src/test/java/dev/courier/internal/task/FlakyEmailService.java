package dev.courier.internal.task;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.context.CallContext;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskCall;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /v1/emails} fires {@code flakyEmail}, whose first two attempts for an address fail and whose third
 * succeeds. The handler and every attempt write a line of their own, as service code does.
 */
final class FlakyEmailService implements CourierService {

  static final Logger LOG = LoggerFactory.getLogger(FlakyEmailService.class);

  @Override
  public String contract() {
    return "openapi/test-emails.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    TaskCall.Of1<String> send = setup.taskClient().call(FlakyEmails::flakyEmail);
    setup.tasks(new FlakyEmails());
    setup.operation("sendEmail", request -> {
      String to = request.body(JsonObject.class).getString("to");
      LOG.info("queueing an e-mail to {}", to);
      return send.fire(to).map(receipt -> {
        LOG.info("queued task {}", receipt.taskId()); // after the fire: still in this request's context
        return Reply.accepted(new JsonObject().put("task_id", receipt.taskId()));
      });
    });
  }

  public static final class FlakyEmails {

    private static final Map<String, Integer> ATTEMPTS = new ConcurrentHashMap<>();

    @AsyncTask(maxAttempts = 3)
    public void flakyEmail(String to) {
      int attempt = ATTEMPTS.merge(to, 1, Integer::sum);
      LOG.info("sending to {}, attempt {} of the task", to, CallContext.current().attempt());
      if (attempt < 3) {
        throw new IllegalStateException("mail server unavailable (run " + attempt + ")");
      }
    }
  }
}
