package dev.courier.task;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as a background task. Calling it through {@link TaskClient#call} (by method reference) or
 * {@link TaskClient#task(String)} (by name) enqueues a signed envelope in Redis and returns at once; a worker runs
 * the method later with the caller's principal and request id
 * ({@link dev.courier.context.CallContext#current()}).
 *
 * <p>A method returning {@code io.vertx.core.Future} runs on the event loop and must not block; any other method runs
 * on a worker thread. Parameters must be carryable: JSON-native values, lists, maps with string keys,
 * {@code JsonObject}/{@code JsonArray} and records made of those (checked when the task is registered).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AsyncTask {

  /** The task's stable wire name; defaults to the method name. Renaming it orphans queued tasks (they go dead). */
  String name() default "";

  /** Default delay before the task runs, in seconds; a call can override it. */
  long delaySeconds() default 0;

  /** The queue it goes to; worker nodes consume the queues of {@code tasks.queues}. */
  String queue() default "default";

  /** Runs at most this many times (first run included); 0 takes {@code tasks.defaultMaxAttempts}. */
  int maxAttempts() default 0;

  /** A run longer than this counts as a failed attempt; 0 takes {@code tasks.defaultTimeoutSeconds}. */
  long timeoutSeconds() default 0;
}
