package dev.courier.internal.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where roles are read from: the configured claims only, as arrays or space-separated text, nested or namespaced. */
class RolesClaimTest {

  private static final JsonObject CLAIMS = new JsonObject()
    .put("roles", new JsonArray().add("ops").add(""))
    .put("scope", "admin write")
    .put("realm_access", new JsonObject().put("roles", new JsonArray().add("auditor")))
    .put("https://example.com/roles", new JsonArray().add("billing"));

  @Test
  void by_default_only_the_roles_claim_counts_not_scope() {
    assertThat(RolesClaim.DEFAULT.rolesIn(CLAIMS)).containsExactly("ops");
  }

  @Test
  void scope_counts_when_listed_split_on_spaces() {
    assertThat(new RolesClaim(List.of("roles", "scope")).rolesIn(CLAIMS)).containsExactly("admin", "ops", "write");
  }

  @Test
  void a_dotted_name_reads_a_nested_claim() {
    assertThat(new RolesClaim(List.of("realm_access.roles")).rolesIn(CLAIMS)).containsExactly("auditor");
  }

  @Test
  void a_namespaced_claim_with_dots_is_read_whole_first() {
    assertThat(new RolesClaim(List.of("https://example.com/roles")).rolesIn(CLAIMS)).containsExactly("billing");
  }

  @Test
  void a_missing_or_oddly_typed_claim_gives_no_role() {
    JsonObject odd = new JsonObject().put("roles", 42).put("realm_access", "admin");
    assertThat(new RolesClaim(List.of("roles", "realm_access.roles", "absent")).rolesIn(odd)).isEmpty();
  }
}
