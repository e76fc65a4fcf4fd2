package dev.courier.internal.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a token's roles are read from ({@code auth.jwt.rolesClaim}): one or more claims, each an array of names or a
 * space-separated string (as OAuth's {@code scope}). A claim is looked up by its whole name first, so namespaced
 * claims such as {@code https://example.com/roles} work, then as a dotted path into nested objects, so Keycloak's
 * {@code realm_access.roles} works. {@code scope} counts only when it is listed: an OAuth scope is a grant to a client,
 * not a role of the user, and must not make a token admin by accident.
 */
public record RolesClaim(List<String> claims) {

  public static final RolesClaim DEFAULT = new RolesClaim(List.of("roles"));

  public RolesClaim {
    claims = List.copyOf(claims);
  }

  /** @return the roles {@code tokenClaims} carries in the configured claims */
  public Set<String> rolesIn(JsonObject tokenClaims) {
    Set<String> roles = new TreeSet<>();
    for (String claim : claims) {
      addAll(roles, find(tokenClaims, claim));
    }
    return roles;
  }

  private static Object find(JsonObject claims, String name) {
    if (claims.containsKey(name) || !name.contains(".")) {
      return claims.getValue(name);
    }
    Object at = claims;
    for (String part : name.split("\\.")) {
      if (!(at instanceof JsonObject object)) {
        return null;
      }
      at = object.getValue(part);
    }
    return at;
  }

  private static void addAll(Set<String> into, Object claim) {
    if (claim instanceof JsonArray array) {
      array.forEach(role -> {
        if (role instanceof String name && !name.isBlank()) {
          into.add(name);
        }
      });
    } else if (claim instanceof String text) {
      for (String part : text.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          into.add(part);
        }
      }
    }
  }
}
