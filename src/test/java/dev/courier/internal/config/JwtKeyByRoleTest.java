package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A JWT key is needed only where bearer tokens are verified: on nodes serving the API, never on workers or clients. */
class JwtKeyByRoleTest {

  private static JsonObject withoutAuth(String role) {
    JsonObject json = minimal();
    json.remove("auth");
    return role == null ? json : json.put("role", role);
  }

  @Test
  void a_worker_only_node_needs_no_jwt_key() {
    CourierConfig config = ConfigFixtures.load(withoutAuth("worker"));
    assertThat(config.role()).isEqualTo(NodeRole.WORKER);
    assertThat(config.auth().secret()).isEmpty();
  }

  @Test
  void a_worker_only_node_with_an_asymmetric_algorithm_needs_no_key_file_either() {
    JsonObject json = ConfigFixtures.with(withoutAuth("worker"), "auth.jwt.algorithm", "RS256");
    assertThat(ConfigFixtures.load(json).auth().publicKeyPem()).isEmpty();
  }

  @Test
  void an_api_node_without_a_jwt_key_is_refused_naming_the_key() {
    failureOf(withoutAuth("api")).isEqualTo("config key 'auth.jwt.secret': required when auth.jwt.algorithm is HS256");
  }

  @Test
  void a_role_all_node_without_a_jwt_key_is_refused_too() {
    failureOf(withoutAuth(null)).isEqualTo("config key 'auth.jwt.secret': required when auth.jwt.algorithm is HS256");
    failureOf(withoutAuth("all"), Map.of()).contains("'auth.jwt.secret'");
  }

  @Test
  void a_worker_only_node_whose_metrics_need_a_role_verifies_tokens_so_needs_the_key() {
    failureOf(ConfigFixtures.with(withoutAuth("worker"), "metrics.role", "ops"))
      .isEqualTo("config key 'auth.jwt.secret': required when auth.jwt.algorithm is HS256 and metrics.role is set "
        + "(tokens are checked on /metrics)");
    assertThat(ConfigFixtures.load(ConfigFixtures.with(withoutAuth("worker"), "metrics.role", "ops"),
      Map.of("COURIER_METRICS_ENABLED", "false")).metrics().needsToken()).isFalse();
  }

  @Test
  void a_worker_role_from_the_environment_lifts_the_requirement() {
    assertThat(ConfigFixtures.load(withoutAuth("api"), Map.of("COURIER_ROLE", "worker")).role())
      .isEqualTo(NodeRole.WORKER);
  }

  @Test
  void a_client_needs_neither_http_nor_jwt_keys_whatever_the_role_says() {
    CourierConfig config = ConfigLoader.forClient(withoutAuth("api"), Map.of());
    assertThat(config.tasks().signingKey()).isEqualTo(ConfigFixtures.SIGNING_KEY);
    assertThat(config.auth().secret()).isEmpty();
  }

  @Test
  void a_client_config_still_refuses_unknown_keys_and_missing_required_ones() {
    JsonObject typo = ConfigFixtures.with(withoutAuth(null), "tasks.signinKey", "x");
    assertThatThrownBy(() -> ConfigLoader.forClient(typo, Map.of())).isInstanceOf(ConfigException.class)
      .hasMessage("config key 'tasks.signinKey' is unknown (did you mean 'tasks.signingKey'?)");
    JsonObject noRedis = withoutAuth(null);
    noRedis.remove("redis");
    assertThatThrownBy(() -> ConfigLoader.forClient(noRedis, Map.of())).isInstanceOf(ConfigException.class)
      .hasMessageContaining("'redis.url' is missing");
  }

  @Test
  void a_client_takes_the_same_environment_overrides_and_refuses_unknown_ones() {
    CourierConfig config = ConfigLoader.forClient(withoutAuth(null), Map.of("COURIER_TASKS_PREFIX", "batch"));
    assertThat(config.tasks().prefix()).isEqualTo("batch");
    assertThatThrownBy(() -> ConfigLoader.forClient(withoutAuth(null), Map.of("COURIER_TASKS_PREFX", "batch")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("COURIER_TASKS_PREFX");
  }
}
