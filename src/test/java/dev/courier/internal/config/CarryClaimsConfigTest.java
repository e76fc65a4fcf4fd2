package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tasks.carryClaims and tasks.unknownTaskGraceSeconds: defaults, file, environment, and a bad value naming the key. */
class CarryClaimsConfigTest {

  @Test
  void by_default_an_envelope_carries_the_identity_claims_and_unknown_tasks_wait_ten_minutes() {
    TasksConfig tasks = load(minimal()).tasks();
    assertThat(tasks.carryClaims()).containsExactly("sub", "roles", "scope", "iss", "aud", "tenant");
    assertThat(tasks.unknownTaskGraceSeconds()).isEqualTo(600);
  }

  @Test
  void both_come_from_the_file_or_the_environment() {
    TasksConfig file = load(minimalWith("tasks.carryClaims", new JsonArray().add("sub").add("org_id"))).tasks();
    assertThat(file.carryClaims()).containsExactly("sub", "org_id");
    TasksConfig env = load(minimal(), Map.of("COURIER_TASKS_CARRY_CLAIMS", "sub, email",
      "COURIER_TASKS_UNKNOWN_TASK_GRACE_SECONDS", "0")).tasks();
    assertThat(env.carryClaims()).isEqualTo(List.of("sub", "email"));
    assertThat(env.unknownTaskGraceSeconds()).isZero();
    assertThat(load(minimalWith("tasks.carryClaims", new JsonArray())).tasks().carryClaims()).isEmpty();
  }

  @Test
  void a_bad_value_names_the_key() {
    failureOf(minimalWith("tasks.carryClaims", new JsonArray().add("sub").add("sub"))).contains("tasks.carryClaims");
    failureOf(minimalWith("tasks.carryClaims", new JsonArray().add(" "))).contains("tasks.carryClaims");
    failureOf(minimalWith("tasks.carryClaims", "sub")).contains("tasks.carryClaims");
    failureOf(minimalWith("tasks.unknownTaskGraceSeconds", -1)).contains("tasks.unknownTaskGraceSeconds");
    failureOf(minimal(), Map.of("COURIER_TASKS_UNKNOWN_TASK_GRACE_SECONDS", "soon"))
      .contains("COURIER_TASKS_UNKNOWN_TASK_GRACE_SECONDS");
  }
}
