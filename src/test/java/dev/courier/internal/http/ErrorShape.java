package dev.courier.internal.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts the one error shape: status, code, message, request id (echoed in the header), details. */
final class ErrorShape {

  private ErrorShape() {
  }

  static JsonObject assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("status", "error", "message", "request_id", "details");
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank();
    assertThat(body.getString("request_id")).isNotBlank().isEqualTo(response.getHeader("X-Request-Id"));
    assertThat(body.getValue("details")).isInstanceOf(io.vertx.core.json.JsonArray.class);
    assertThat(response.bodyAsString()).doesNotContain("\tat ").doesNotContain("Exception");
    return body;
  }
}
