package dev.courier.internal.task;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What travels through Redis for one task run: everything a worker needs to run it exactly as the endpoint would
 * have, and nothing more (the caller's verified claims, never its raw token).
 *
 * @param principal  the caller's {@code Principal} as JSON, or null when the call was anonymous
 * @param attempt    the run this envelope is for (1 for the first; a retry re-signs it with the next number)
 * @param traceparent the W3C {@code traceparent} of the span that fired the task (the request's), parent of every
 *                    attempt's span; null in envelopes written before they carried one
 */
public record Envelope(String id, String task, String queue, JsonArray args, JsonObject principal, String requestId,
                       long enqueuedAt, long dueAt, int attempt, int maxAttempts, long timeoutMs, String traceparent) {

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("v", 1).put("id", id).put("task", task).put("queue", queue)
      .put("args", args).put("principal", principal).put("request_id", requestId).put("enqueued_at", enqueuedAt)
      .put("due_at", dueAt).put("attempt", attempt).put("max_attempts", maxAttempts).put("timeout_ms", timeoutMs);
    return traceparent == null ? json : json.put("traceparent", traceparent);
  }

  /** @return the same envelope for the next attempt, due at {@code dueAt}. */
  public Envelope nextAttempt(long dueAt) {
    return new Envelope(id, task, queue, args, principal, requestId, enqueuedAt, dueAt, attempt + 1, maxAttempts,
      timeoutMs, traceparent);
  }
}
