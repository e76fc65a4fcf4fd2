package dev.courier.internal.admin;

import dev.courier.internal.task.Envelope;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.internal.task.EnvelopeSigner.EnvelopeRejected;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * What an operator may read of a task's sealed envelope: its metadata once the signature holds (task, queue, the
 * caller's subject and roles, request id, times), never the arguments, the signature or the caller's other claims.
 * An envelope whose signature fails shows nothing but why: its content is not to be trusted.
 */
final class EnvelopeInfo {

  private EnvelopeInfo() {
  }

  static JsonObject of(String sealed, EnvelopeSigner signer) {
    if (sealed == null) {
      return problem("no envelope: a dead stub for an id that had no task");
    }
    Envelope envelope;
    try {
      envelope = signer.open(sealed);
    } catch (EnvelopeRejected rejected) {
      return problem(rejected.getMessage());
    } catch (RuntimeException unreadable) {
      return problem("undecodable envelope");
    }
    JsonObject principal = envelope.principal();
    return new JsonObject().put("verified", true).put("task", envelope.task()).put("queue", envelope.queue())
      .put("subject", principal == null ? null : principal.getString("subject"))
      .put("roles", principal == null ? new JsonArray() : principal.getJsonArray("roles", new JsonArray()))
      .put("request_id", envelope.requestId())
      .put("enqueued_at", Instant.ofEpochMilli(envelope.enqueuedAt()).toString())
      .put("due_at", Instant.ofEpochMilli(envelope.dueAt()).toString())
      .put("max_attempts", envelope.maxAttempts()).put("timeout_ms", envelope.timeoutMs());
  }

  private static JsonObject problem(String why) {
    return new JsonObject().put("verified", false).put("problem", why);
  }
}
