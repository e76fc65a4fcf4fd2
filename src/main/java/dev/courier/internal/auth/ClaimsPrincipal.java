package dev.courier.internal.auth;

import dev.courier.context.Principal;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;

/** Builds a {@link Principal} from the user that vertx-auth-jwt verified. */
final class ClaimsPrincipal {

  private ClaimsPrincipal() {
  }

  static Principal of(User user, RolesClaim rolesClaim) {
    // attributes.accessToken holds every decoded claim; principal() also holds the raw token, which we never keep
    JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject()).copy();
    claims.remove("access_token");
    String subject = claims.getString("sub");
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("token has no 'sub' claim");
    }
    return new Principal(subject, rolesClaim.rolesIn(claims), claims);
  }
}
