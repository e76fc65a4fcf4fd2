package dev.courier.example.signup;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.context.Principal;
import dev.courier.api.ApiRequest;
import dev.courier.api.Reply;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskClient;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The example service of pymacaron's docs: sign up (and get a welcome e-mail from a background task), who am I, read
 * a user, send an e-mail later, read one's outbox. Task status is a framework operation of the same contract.
 */
public final class SignupService implements CourierService {

  @Override
  public String contract() {
    return "openapi/signup.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    String prefix = setup.settings().getString("keyPrefix", "signup");
    UserStore users = new UserStore(setup.redis(), prefix, Clock.systemUTC());
    OutboxStore outbox = new OutboxStore(setup.redis(), prefix);
    // compile-checked calls, kept for every request (calls are immutable); checked against the beans after setup
    TaskClient tasks = setup.taskClient();
    TaskCall.Of1<User> welcome = tasks.call(EmailTasks::sendWelcomeEmail);
    TaskCall.Of3<String, String, String> send = tasks.call(EmailTasks::sendEmail);
    setup
      .tasks(new EmailTasks(outbox, Clock.systemUTC()))
      .operation("signup", request -> users.create(request.body(SignupRequest.class))
        .compose(user -> welcome.fire(user).map(receipt -> Reply.created(user))))
      .operation("getMe", request -> Future.succeededFuture(Reply.ok(me(request.principal()))))
      .operation("getUser", request -> users.find(request.pathParam("user_id")).map(Reply::ok))
      .operation("sendEmail", request -> sendEmail(send, request))
      .operation("getOutbox", request -> outbox.list(request.principal().subject()).map(e -> Reply.ok(new Outbox(e))));
  }

  private static Future<Reply> sendEmail(TaskCall.Of3<String, String, String> send, ApiRequest request) {
    EmailRequest email = request.body(EmailRequest.class);
    int delay = email.delaySeconds() == null ? 0 : email.delaySeconds();
    TaskCall.Of3<String, String, String> call = send.delay(Duration.ofSeconds(delay));
    // the contract checked the header; a retry with the same key answers the first e-mail's task, sending nothing
    call = request.header("Idempotency-Key").map(call::key).orElse(call);
    return call.fire(email.to(), email.subject(), email.body()).map(receipt -> {
      Reply reply = Reply.accepted(new EmailQueued(receipt.taskId(), receipt.dueAt()));
      return receipt.repeated() ? reply.header("Idempotent-Replayed", "true") : reply;
    });
  }

  private static Me me(Principal principal) {
    return new Me(principal.subject(), List.copyOf(principal.roles()), principal.claims());
  }
}
