package dev.courier.internal.metrics;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.ApiException;
import dev.courier.api.Reply;
import dev.courier.context.CallContext;
import dev.courier.example.signup.EmailQueued;
import dev.courier.example.signup.EmailRequest;
import dev.courier.task.AsyncTask;
import dev.courier.task.NoRetry;
import dev.courier.task.TaskCall;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * The example's contract ({@code POST /v1/emails} fires {@code sendEmail}) over a {@code sendEmail} task whose
 * outcome the recipient chooses: {@code ok@} succeeds, {@code flaky@} fails its first attempt, {@code nope@} throws
 * {@link NoRetry}, {@code broken@} fails both of its two attempts. The other operations are not called.
 */
final class FlakyEmailService implements CourierService {

  /** The task: two attempts at most. */
  public static final class Emails {
    @AsyncTask(name = "sendEmail", maxAttempts = 2)
    public void sendEmail(String to, String subject, String body) {
      int attempt = CallContext.current().attempt();
      if (to.startsWith("nope@")) {
        throw new NoRetry("no such mailbox " + to);
      }
      if (to.startsWith("broken@") || to.startsWith("flaky@") && attempt == 1) {
        throw new IllegalStateException("mail server down (attempt " + attempt + ")");
      }
    }
  }

  @Override
  public String contract() {
    return "openapi/signup.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    TaskCall.Of3<String, String, String> send = setup.taskClient().call(Emails::sendEmail);
    setup.tasks(new Emails())
      .operation("sendEmail", request -> {
        EmailRequest email = request.body(EmailRequest.class);
        int delay = email.delaySeconds() == null ? 0 : email.delaySeconds();
        return send.delay(Duration.ofSeconds(delay)).fire(email.to(), email.subject(), email.body())
          .map(receipt -> Reply.accepted(new EmailQueued(receipt.taskId(), receipt.dueAt())));
      })
      .operation("signup", request -> unused())
      .operation("getMe", request -> unused())
      .operation("getUser", request -> unused())
      .operation("getOutbox", request -> unused());
  }

  private static Future<Reply> unused() {
    return Future.failedFuture(ApiException.notFound("not served by this test"));
  }
}
