package dev.courier.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a request-validation failure of vertx-openapi into {@code details}: one entry per invalid field. */
final class ValidationDetails {

  // vertx-openapi names the parameter only in its message: "... of path parameter user_id ..."
  private static final Pattern PARAMETER = Pattern.compile("(path|query|header|cookie) parameter (\\S+?)[ .]");

  private ValidationDetails() {
  }

  static JsonArray of(ValidatorException e) {
    String message = String.valueOf(e.getMessage());
    Matcher parameter = PARAMETER.matcher(message);
    String location = parameter.find() ? parameter.group(1) : "body";
    String name = location.equals("body") ? null : parameter.group(2);
    JsonArray details = new JsonArray();
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      collect(schema.getOutputUnit(), location, name, details);
    }
    if (details.isEmpty()) {
      details.add(entry(location, name == null ? "" : name, message));
    }
    return details;
  }

  private static void collect(OutputUnit unit, String location, String name, JsonArray into) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(child -> collect(child, location, name, into));
    } else if (unit.getError() != null) {
      String pointer = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation().replaceFirst("^#", "");
      String field = name != null ? name + pointer : pointer.isEmpty() ? "/" : pointer;
      into.add(entry(location, field, unit.getError()));
    }
  }

  private static JsonObject entry(String location, String field, String message) {
    return new JsonObject().put("location", location).put("field", field).put("message", message);
  }
}
