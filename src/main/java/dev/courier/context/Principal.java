package dev.courier.context;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The verified caller: who the bearer token says it is. Handlers and tasks see the same type, built from the
 * token's claims (never from the raw token, which Courier neither keeps nor forwards).
 *
 * @param subject the {@code sub} claim
 * @param roles   the roles in the claims {@code auth.jwt.rolesClaim} lists (default {@code roles}; arrays or
 *                space-separated strings)
 * @param claims  every verified claim of the token (a defensive copy)
 */
public record Principal(String subject, Set<String> roles, JsonObject claims) {

  public Principal {
    Objects.requireNonNull(subject, "'subject' cannot be null");
    roles = Set.copyOf(roles);
    claims = claims == null ? new JsonObject() : claims.copy();
  }

  /** @return whether the caller holds {@code role} (read from the claims {@code auth.jwt.rolesClaim} lists). */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** @return whether the caller holds every role in {@code required}. */
  public boolean hasAllRoles(List<String> required) {
    return roles.containsAll(required);
  }

  /** The JSON form carried in task envelopes and answered by {@code GET /v1/me}. */
  public JsonObject toJson() {
    return new JsonObject().put("subject", subject).put("roles", List.copyOf(roles)).put("claims", claims.copy());
  }

  /** Reads the JSON form written by {@link #toJson()}. */
  public static Principal fromJson(JsonObject json) {
    Set<String> roles = new java.util.TreeSet<>();
    json.getJsonArray("roles", new io.vertx.core.json.JsonArray()).forEach(r -> roles.add(String.valueOf(r)));
    return new Principal(json.getString("subject"), roles, json.getJsonObject("claims", new JsonObject()));
  }
}
