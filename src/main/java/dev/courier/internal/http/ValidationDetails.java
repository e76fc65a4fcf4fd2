package dev.courier.internal.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    Map<String, List<Leaf>> byField = new LinkedHashMap<>();
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      collect(schema.getOutputUnit(), name, byField);
    }
    JsonArray details = new JsonArray();
    byField.forEach((field, leaves) -> oneFieldsErrors(field, leaves)
      .forEach(m -> details.add(entry(location, field, m))));
    if (details.isEmpty()) {
      details.add(entry(location, name == null ? "" : name, message));
    }
    return details;
  }

  /**
   * The errors of one field that say what is wrong with it. vertx-json-schema also reports, for a declared property
   * that fails, that it "does not match schema" (its {@code properties} keyword) and "does not match additional
   * properties schema": those say nothing more and are dropped. A property that only fails
   * {@code additionalProperties} is one the contract does not declare, and says so.
   */
  private static Set<String> oneFieldsErrors(String field, List<Leaf> leaves) {
    Set<String> specific = new LinkedHashSet<>();
    boolean notDeclared = false;
    for (Leaf leaf : leaves) {
      if (leaf.keyword.equals("additionalProperties")) {
        notDeclared = true;
      } else if (!leaf.keyword.equals("properties")) {
        specific.add(leaf.message);
      }
    }
    if (specific.isEmpty() && notDeclared) {
      specific.add("property '" + field.substring(field.lastIndexOf('/') + 1) + "' is not declared in the contract");
    }
    if (specific.isEmpty()) {
      leaves.forEach(leaf -> specific.add(leaf.message));
    }
    return specific;
  }

  private static void collect(OutputUnit unit, String name, Map<String, List<Leaf>> into) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(child -> collect(child, name, into));
    } else if (unit.getError() != null) {
      String pointer = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation().replaceFirst("^#", "");
      String field = name != null ? name + pointer : pointer.isEmpty() ? "/" : pointer;
      String keywordLocation = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
      String keyword = keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
      into.computeIfAbsent(field, f -> new ArrayList<>()).add(new Leaf(keyword, unit.getError()));
    }
  }

  private record Leaf(String keyword, String message) {
  }

  private static JsonObject entry(String location, String field, String message) {
    return new JsonObject().put("location", location).put("field", field).put("message", message);
  }
}
