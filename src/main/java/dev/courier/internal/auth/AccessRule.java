package dev.courier.internal.auth;

import dev.courier.context.Principal;
import io.vertx.openapi.contract.SecurityRequirement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call one operation, as its contract's {@code security} says: a list of alternatives, any one of which admits
 * (OR); within one alternative every scheme must be satisfied (AND). Every scheme Courier serves is a bearer JWT, so
 * an alternative asks for one valid token holding the union of the roles its schemes list. An empty alternative
 * ({@code {}}) admits a caller without a token: authentication is optional.
 *
 * @param alternatives     the roles each alternative requires, in contract order
 * @param anonymousAllowed whether the contract lists {@code {}}, so a request without a token is admitted
 */
public record AccessRule(List<Set<String>> alternatives, boolean anonymousAllowed) {

  public AccessRule {
    alternatives = alternatives.stream().map(Set::copyOf).toList();
  }

  /** @return the rule of an operation's security requirements (already resolved against the contract's default) */
  public static AccessRule of(List<SecurityRequirement> requirements) {
    List<Set<String>> alternatives = new ArrayList<>();
    boolean anonymous = false;
    for (SecurityRequirement requirement : requirements) {
      if (requirement.isEmpty()) {
        anonymous = true;
        continue;
      }
      Set<String> roles = new LinkedHashSet<>();
      requirement.getNames().forEach(scheme -> roles.addAll(requirement.getScopes(scheme)));
      alternatives.add(roles);
    }
    return new AccessRule(alternatives, anonymous);
  }

  /** @return a rule with one alternative: a valid token holding {@code role} */
  public static AccessRule role(String role) {
    return new AccessRule(List.of(Set.of(role)), false);
  }

  /** @return whether the operation asks nothing of its callers (no requirement, or only {@code {}}) */
  public boolean open() {
    return alternatives.isEmpty();
  }

  /** @return whether {@code caller} (with a verified token) satisfies one of the alternatives */
  public boolean admits(Principal caller) {
    if (anonymousAllowed) {
      return true;
    }
    for (Set<String> roles : alternatives) {
      if (caller.roles().containsAll(roles)) {
        return true;
      }
    }
    return false;
  }

  /** @return what a refused caller lacks, for the 403's message: "role(s) admin, or role(s) ops, audit" */
  public String requirement() {
    return alternatives.stream().map(roles -> "role(s) " + String.join(", ", new java.util.TreeSet<>(roles)))
      .collect(Collectors.joining(", or "));
  }
}
