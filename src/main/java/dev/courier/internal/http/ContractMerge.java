package dev.courier.internal.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Merges the framework contract into a service's: the service's paths, components and tags first, then Courier's.
 * A service contract that defines a framework path (whatever its parameters are called), a path that would take
 * requests meant for one of Courier's (a literal where Courier's has a parameter: {@code /admin/api/queues/mine/tasks}
 * beside {@code /admin/api/queues/{queue}/tasks}; literal paths are matched first), uses a framework operationId or a
 * framework component name is refused with one line naming it: which of two definitions should be served would be a
 * guess, and the framework's routes must not depend on it.
 */
final class ContractMerge {

  private static final Pattern TEMPLATE = Pattern.compile("\\{[^}/]*}");
  private static final String WHAT = "every node serves Courier's health, contract, docs, task status and admin routes";

  private ContractMerge() {
  }

  /**
   * @param service   the service's contract document; Courier's paths, components and tags are added to it
   * @param framework the framework contract document
   * @param location  where the service's contract came from, for messages
   * @return {@code service}, merged
   */
  static JsonObject merge(JsonObject service, JsonObject framework, String location) {
    String version = String.valueOf(service.getValue("openapi"));
    if (!version.startsWith("3.1.")) {
      throw new IllegalStateException("the contract " + location + " is OpenAPI " + version
        + "; Courier adds its own routes, written in OpenAPI 3.1, to it and needs 'openapi: 3.1.x'");
    }
    refuseFrameworkOperationIds(service, location);
    mergePaths(service, framework, location);
    mergeComponents(service, framework, location);
    mergeTags(service, framework);
    return service;
  }

  private static void refuseFrameworkOperationIds(JsonObject service, String location) {
    Map<String, String> framework = FrameworkContract.operations();
    ContractOperations.forEach(service, (path, method, operation) -> {
      String id = operation.getString("operationId");
      if (id != null && framework.containsKey(id)) {
        throw new IllegalStateException("the contract " + location + " names " + method.toUpperCase() + " " + path
          + " '" + id + "', an operationId Courier uses for its own " + framework.get(id) + "; rename it");
      }
    });
  }

  private static void mergePaths(JsonObject service, JsonObject framework, String location) {
    JsonObject paths = objectAt(service, "paths");
    Map<String, String> servicePaths = new HashMap<>();
    paths.fieldNames().forEach(path -> servicePaths.put(routeOf(path), path));
    JsonObject own = framework.getJsonObject("paths");
    for (String path : own.fieldNames()) {
      String clash = servicePaths.get(routeOf(path));
      if (clash != null) {
        throw new IllegalStateException("the contract " + location + " defines path '" + clash + "', which Courier "
          + "serves itself" + (clash.equals(path) ? "" : " as '" + path + "'") + "; remove it (" + WHAT + ")");
      }
      for (String route : servicePaths.keySet()) {
        if (shadows(route, routeOf(path))) {
          throw new IllegalStateException("the contract " + location + " defines path '" + servicePaths.get(route)
            + "', which would take requests meant for Courier's own '" + path + "'; move it (" + WHAT + ")");
        }
      }
      paths.put(path, own.getValue(path));
    }
  }

  private static void mergeComponents(JsonObject service, JsonObject framework, String location) {
    JsonObject components = objectAt(service, "components");
    JsonObject own = framework.getJsonObject("components");
    for (String section : own.fieldNames()) {
      JsonObject target = objectAt(components, section);
      JsonObject entries = own.getJsonObject(section);
      for (String name : entries.fieldNames()) {
        if (target.containsKey(name)) {
          throw new IllegalStateException("the contract " + location + " defines components." + section + "."
            + name + ", a name Courier uses for its own routes; rename it");
        }
        target.put(name, entries.getValue(name));
      }
    }
  }

  private static void mergeTags(JsonObject service, JsonObject framework) {
    JsonArray tags = service.getJsonArray("tags");
    if (tags == null) {
      tags = new JsonArray();
      service.put("tags", tags);
    }
    Set<String> names = new HashSet<>();
    for (Object tag : tags) {
      if (tag instanceof JsonObject named) {
        names.add(named.getString("name"));
      }
    }
    for (Object tag : framework.getJsonArray("tags", new JsonArray())) {
      if (tag instanceof JsonObject named && names.add(named.getString("name"))) {
        tags.add(named);
      }
    }
  }

  /**
   * A service route takes requests meant for a framework route when both can match one request and the service's has
   * a literal where the framework's has a parameter (the router tries literal paths first).
   */
  private static boolean shadows(String service, String framework) {
    String[] mine = service.split("/", -1);
    String[] ours = framework.split("/", -1);
    if (mine.length != ours.length) {
      return false;
    }
    boolean literalOverParameter = false;
    for (int i = 0; i < mine.length; i++) {
      boolean mineIsParameter = mine[i].equals("{}");
      boolean oursIsParameter = ours[i].equals("{}");
      if (!mine[i].equals(ours[i]) && !mineIsParameter && !oursIsParameter) {
        return false;
      }
      literalOverParameter |= oursIsParameter && !mineIsParameter;
    }
    return literalOverParameter;
  }

  /** Two paths are one route when they differ only in parameter names or a trailing slash (Vert.x ignores it). */
  private static String routeOf(String path) {
    String route = TEMPLATE.matcher(path).replaceAll("{}");
    return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
  }

  private static JsonObject objectAt(JsonObject parent, String key) {
    JsonObject child = parent.getJsonObject(key);
    if (child == null) {
      child = new JsonObject();
      parent.put(key, child);
    }
    return child;
  }
}
