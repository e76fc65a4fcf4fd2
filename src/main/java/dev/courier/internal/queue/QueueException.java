package dev.courier.internal.queue;

/** A queue operation failed in a way callers cannot fix by retrying the same call; one factory per failure. */
public final class QueueException extends RuntimeException {

  private QueueException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A script resource is not on the classpath (a packaging error). */
  static QueueException scriptMissing(String resource) {
    return new QueueException("queue script " + resource + " is not on the classpath", null);
  }

  /** Redis refused to load a script (syntax error, scripting disabled). */
  static QueueException loadFailed(String transition, Throwable cause) {
    return new QueueException("cannot load queue script '" + transition + "': " + cause.getMessage(), cause);
  }

  /** A script raised an error while running (Redis error reply). */
  static QueueException scriptFailed(String transition, Throwable cause) {
    return new QueueException("queue script '" + transition + "' failed: " + cause.getMessage(), cause);
  }

  /** A reply had a shape this layer does not know (a Redis version or protocol mismatch). */
  static QueueException unexpectedReply(String operation, Object reply) {
    return new QueueException("unexpected reply to " + operation + ": " + reply, null);
  }

  /** The server is older than the oldest Redis whose commands the queue uses. */
  static QueueException tooOld(String version, String minimum) {
    return new QueueException("Redis " + version + " is too old: Courier needs Redis " + minimum
        + " or later (XAUTOCLAIM, stream commands in scripts)", null);
  }
}
