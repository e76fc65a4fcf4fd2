package dev.courier.context;

import dev.courier.internal.context.CallContextSlot;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * Who is calling and on behalf of which request: the same accessors answer in an endpoint handler and in a task
 * run by a worker, so service code cannot tell (and need not know) which one it runs in.
 *
 * <p>It lives in the Vert.x context of the request (or of the task run) and so follows callbacks and
 * {@code executeBlocking} code, but not threads the user starts by hand.
 *
 * @param principal the verified caller, or {@code null} for a public operation
 * @param requestId the request id of the HTTP call (kept by a task that call fired)
 * @param taskId    the running task's id, or {@code null} in an endpoint
 * @param attempt   the task's attempt number (1 for the first run), 0 in an endpoint
 * @param traceId   the W3C trace id (32 hex digits) of the request, shared by every attempt of the tasks it fired: the
 *                  caller's {@code traceparent} trace when it sent one, else a new one; Courier's log lines carry it as
 *                  {@code trace_id}
 */
public record CallContext(Principal principal, String requestId, String taskId, int attempt, String traceId) {

  /** @return the context of the current request or task; fails when called outside of either. */
  public static CallContext current() {
    return find().orElseThrow(() -> new IllegalStateException("no Courier call context: not in a request or task"));
  }

  /** @return the context of the current request or task, if there is one. */
  public static Optional<CallContext> find() {
    Context context = Vertx.currentContext();
    return context == null ? Optional.empty() : Optional.ofNullable((CallContext) CallContextSlot.call(context));
  }

  /** @return the caller, if the operation (or the operation that fired the task) was authenticated. */
  public Optional<Principal> caller() {
    return Optional.ofNullable(principal);
  }

  /** @return the caller's subject, or {@code null} when anonymous. */
  public String subject() {
    return principal == null ? null : principal.subject();
  }

  /** @return whether this code runs inside a task rather than an endpoint. */
  public boolean inTask() {
    return taskId != null;
  }
}
