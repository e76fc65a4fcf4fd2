package dev.courier.example.signup;

import dev.courier.context.CallContext;
import dev.courier.task.AsyncTask;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The example's background tasks. They "send" by writing to an outbox in Redis; a real service would call its
 * e-mail provider here. Who sends and for which request comes from {@link CallContext}, exactly as in an endpoint.
 */
public final class EmailTasks {

  private final OutboxStore outbox;
  private final Clock clock;

  EmailTasks(OutboxStore outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Appends the e-mail to the caller's outbox, once per task id; what it answers is the task's result. */
  @AsyncTask(name = "sendEmail", maxAttempts = 5)
  public Future<EmailSent> sendEmail(String to, String subject, String body) {
    CallContext call = CallContext.current();
    OutboxEmail email = email(call, to, subject);
    return outbox.append(call.subject(), email).map(v -> new EmailSent(email.to(), email.sentAt()));
  }

  /** Welcomes a new user: the e-mail lands in the new user's own outbox (sign-up is anonymous). */
  @AsyncTask(name = "sendWelcomeEmail")
  public Future<Void> sendWelcomeEmail(User user) {
    CallContext call = CallContext.current();
    return outbox.append(user.userId(), email(call, user.email(), "Welcome!"));
  }

  private OutboxEmail email(CallContext call, String to, String subject) {
    return new OutboxEmail(call.taskId(), to, subject, call.subject(), call.requestId(),
      Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
  }
}
