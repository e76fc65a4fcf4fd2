package dev.courier.internal.http;

import dev.courier.api.ApiException;

import dev.courier.internal.redis.RedisFailures;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskNotDurableException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;

/** Decides status, code and client-facing message of every failure; the one place that knows the mapping. */
final class ErrorMapping {

  static final String INTERNAL_MESSAGE = "unexpected error; the server log has the details under this request id";

  private ErrorMapping() {
  }

  /** @return the error to answer for {@code failure} (may be null) on a context whose status is {@code status}. */
  static ApiException of(Throwable failure, int status) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException invalid) {
        return fromRequestValidation(invalid);
      }
      return byStatus(http.getStatusCode(), null);
    }
    if (failure instanceof ValidatorException) {
      // a bare ValidatorException is the response failing the contract: our bug, not the client's
      return new ApiException(500, "internal_error", "the response did not match the contract");
    }
    if (failure instanceof DecodeException) {
      return ApiException.badRequest("the body is not valid JSON");
    }
    if (failure != null && status >= 400 && status < 500) {
      // ctx.fail(4xx, cause) chose a client error (vertx-web's CorsHandler does, for a disallowed origin); the
      // cause's message is not for the client, the status is
      return byStatus(status, null);
    }
    if (failure instanceof TaskArgumentException refused && refused.isTooLarge()) {
      // the request carried more than a task may: the client's to shrink, not our bug
      return new ApiException(413, "payload_too_large", refused.getMessage());
    }
    if (failure instanceof TaskArgumentException refused && refused.isBadKey()) {
      // an idempotency key comes from the request; its message names the rule, never the key
      return ApiException.badRequest(refused.getMessage());
    }
    if (failure instanceof TaskNotDurableException notDurable) {
      // written, but a failover now may lose it: the client decides whether to fire again (idempotency key)
      return new ApiException(503, "not_durable", "the task was stored but too few Redis replicas confirmed it in "
        + "time; it may still run, or be lost if Redis fails over now. Retry (with the same idempotency key, if any)",
        new JsonArray().add(new JsonObject().put("task_ids", new JsonArray(notDurable.taskIds()))
          .put("confirmed_replicas", notDurable.confirmed()).put("required_replicas", notDurable.required())));
    }
    if (isDependencyDown(failure)) {
      return ApiException.unavailable("a service this operation needs is unreachable; try again shortly", null);
    }
    if (failure != null) {
      return new ApiException(500, "internal_error", INTERNAL_MESSAGE);
    }
    return byStatus(status, null);
  }

  /** A 500 from an exception nobody chose: a bug, logged with its stack trace. */
  static boolean isUnexpected(Throwable failure, ApiException mapped) {
    return mapped.status() == 500 && !(failure instanceof ApiException);
  }

  /** Redis (or another dependency) is unreachable or cannot serve yet: a 503 the client may retry, not a bug. */
  static boolean isDependencyDown(Throwable failure) {
    return RedisFailures.isUnavailable(failure);
  }

  private static ApiException fromRequestValidation(ValidatorException e) {
    String message = String.valueOf(e.getMessage());
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && message.contains("body")) {
      return new ApiException(415, "unsupported_media_type", "the request body must be application/json");
    }
    JsonArray details = ValidationDetails.of(e);
    // vertx's message names only the last error it met (often a spurious one): say what the first detail says
    JsonObject first = details.getJsonObject(0);
    String where = first.getString("field").isEmpty() ? first.getString("location")
      : first.getString("location") + " " + first.getString("field");
    return new ApiException(400, "bad_request", "invalid request: " + where + ": " + first.getString("message")
      + (details.size() > 1 ? " (and " + (details.size() - 1) + " more in details)" : ""), details);
  }

  private static ApiException byStatus(int status, String message) {
    return switch (status) {
      case 400 -> ApiException.badRequest(message != null ? message : "the request is malformed");
      case 401 -> ApiException.unauthorized("a valid bearer token is required");
      case 403 -> ApiException.forbidden("this operation is not allowed for this caller");
      case 404 -> ApiException.notFound("no such resource");
      case 405 -> new ApiException(405, "method_not_allowed", "this method is not allowed on this path");
      case 413 -> new ApiException(413, "payload_too_large", "the request body is larger than allowed");
      case 415 -> new ApiException(415, "unsupported_media_type", "this content type is not supported");
      case 503 -> ApiException.unavailable("the service is unavailable", null);
      default -> status >= 400 && status < 500
        ? new ApiException(status, "client_error", "the request cannot be served")
        : new ApiException(500, "internal_error", INTERNAL_MESSAGE);
    };
  }
}
