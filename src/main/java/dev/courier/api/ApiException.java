package dev.courier.api;

import io.vertx.core.json.JsonArray;

/**
 * Thrown (or failed with) by a handler to choose the error status and code; everything else becomes a 500. The
 * message is shown to the client, so it must not hold secrets.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonArray details;

  public ApiException(int status, String code, String message) {
    this(status, code, message, new JsonArray());
  }

  public ApiException(int status, String code, String message, JsonArray details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details == null ? new JsonArray() : details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  public static ApiException unavailable(String message, JsonArray details) {
    return new ApiException(503, "unavailable", message, details);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonArray details() {
    return details.copy();
  }
}
