package dev.courier.internal.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Declares in the served contract the errors Courier itself answers, so that clients, docs and linters see them: on
 * every operation 400 (a malformed request or invalid parameters or body), 500 and 503 (Redis unreachable); 401
 * where the operation needs a token, 403 where it needs a role, 413 and 415 where it takes a body. Each refers to
 * one shared response of the framework contract, all with the one error schema. A response the service's contract
 * already declares for a status is left as it is. Shared responses no operation uses are dropped (linters flag them).
 */
final class ErrorResponses {

  private static final String REF = "#/components/responses/";
  private static final List<String> CODES = List.of("400", "401", "403", "413", "415", "500", "503");

  private ErrorResponses() {
  }

  static void declare(JsonObject contract) {
    JsonArray global = contract.getJsonArray("security", new JsonArray());
    ContractOperations.forEach(contract, (path, method, operation) -> {
      JsonArray security = operation.getJsonArray("security", global);
      List<String> codes = new ArrayList<>(List.of("400", "500", "503"));
      if (needsToken(security)) {
        codes.add("401");
      }
      if (needsRole(security)) {
        codes.add("403");
      }
      if (operation.containsKey("requestBody")) {
        codes.addAll(List.of("413", "415"));
      }
      JsonObject responses = operation.getJsonObject("responses", new JsonObject());
      codes.forEach(code -> {
        if (!responses.containsKey(code)) {
          responses.put(code, new JsonObject().put("$ref", REF + shared(code)));
        }
      });
      operation.put("responses", sorted(responses));
    });
    dropUnused(contract);
  }

  private static void dropUnused(JsonObject contract) {
    Set<String> used = new HashSet<>();
    collectRefs(contract, used);
    JsonObject responses = contract.getJsonObject("components").getJsonObject("responses");
    CODES.stream().map(ErrorResponses::shared).filter(name -> !used.contains(REF + name)).forEach(responses::remove);
  }

  private static void collectRefs(Object node, Set<String> refs) {
    if (node instanceof JsonObject object) {
      object.fieldNames().forEach(key -> {
        Object value = object.getValue(key);
        if (key.equals("$ref") && value instanceof String ref) {
          refs.add(ref);
        } else {
          collectRefs(value, refs);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, refs));
    }
  }

  /** An empty requirement ({@code {}}) among the alternatives lets a caller in without a token. */
  private static boolean needsToken(JsonArray security) {
    if (security.isEmpty()) {
      return false;
    }
    for (Object requirement : security) {
      if (requirement instanceof JsonObject alternative && alternative.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Roles are the scopes of a bearer requirement, e.g. {@code bearerAuth: [admin]}. */
  private static boolean needsRole(JsonArray security) {
    for (Object requirement : security) {
      if (requirement instanceof JsonObject alternative) {
        for (String scheme : alternative.fieldNames()) {
          if (alternative.getValue(scheme) instanceof JsonArray roles && !roles.isEmpty()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String shared(String code) {
    return switch (code) {
      case "400" -> "CourierBadRequest";
      case "401" -> "CourierUnauthorized";
      case "403" -> "CourierForbidden";
      case "413" -> "CourierPayloadTooLarge";
      case "415" -> "CourierUnsupportedMediaType";
      case "500" -> "CourierInternalError";
      case "503" -> "CourierUnavailable";
      default -> throw new IllegalArgumentException(code);
    };
  }

  /** Status codes in order (200, 201, 400, 401, ..., 4XX, default), whoever declared them, for people reading. */
  private static JsonObject sorted(JsonObject responses) {
    JsonObject sorted = new JsonObject();
    responses.fieldNames().stream().sorted(Comparator.comparing((String code) -> code.equals("default"))
      .thenComparing(code -> code.toUpperCase())).forEach(code -> sorted.put(code, responses.getValue(code)));
    return sorted;
  }
}
