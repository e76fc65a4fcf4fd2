package dev.courier.internal.task;

import dev.courier.context.Principal;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * The part of a caller's {@link Principal} a task envelope carries ({@code tasks.carryClaims}): its subject and
 * roles always (what a task authorizes with), and of its JWT claims only those listed. An envelope stays in Redis for
 * the whole retention, so a claim a task does not need (an e-mail address, a name) is not copied there.
 */
public final class CarriedClaims {

  private final Set<String> names;

  public CarriedClaims(List<String> names) {
    this.names = Set.copyOf(names);
  }

  /** @return the envelope's {@code principal}: subject, roles and the listed claims the token has */
  public JsonObject of(Principal principal) {
    JsonObject claims = new JsonObject();
    principal.claims().forEach(claim -> {
      if (names.contains(claim.getKey())) {
        claims.put(claim.getKey(), claim.getValue());
      }
    });
    return new Principal(principal.subject(), principal.roles(), claims).toJson();
  }
}
