package dev.courier.internal.auth;

import dev.courier.context.Principal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;

import java.util.Set;
import java.util.TreeSet;

/** Builds a {@link Principal} from the user that vertx-auth-jwt verified. */
final class ClaimsPrincipal {

  private ClaimsPrincipal() {
  }

  static Principal of(User user) {
    // attributes.accessToken holds every decoded claim; principal() also holds the raw token, which we never keep
    JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject()).copy();
    claims.remove("access_token");
    String subject = claims.getString("sub");
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("token has no 'sub' claim");
    }
    Set<String> roles = new TreeSet<>();
    addAll(roles, claims.getValue("roles"));
    addAll(roles, claims.getValue("scope"));
    return new Principal(subject, roles, claims);
  }

  private static void addAll(Set<String> into, Object claim) {
    if (claim instanceof JsonArray array) {
      array.forEach(r -> into.add(String.valueOf(r)));
    } else if (claim instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          into.add(part);
        }
      }
    }
  }
}
