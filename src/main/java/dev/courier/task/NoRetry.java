package dev.courier.task;

/** Thrown by a task to say "this will never succeed": the task goes to the dead set now, with this message. */
public class NoRetry extends RuntimeException {

  public NoRetry(String message) {
    super(message);
  }

  public NoRetry(String message, Throwable cause) {
    super(message, cause);
  }
}
