package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tasks.signingKeys (rotation: the first signs, all verify) beside tasks.signingKey, its one-key form. */
class SigningKeysConfigTest {

  private static final String NEW = "new-signing-key-0123456789abcdefghijklmnop";
  private static final String OLD = "old-signing-key-0123456789abcdefghijklmnop";

  private static JsonObject withList(Object keys) {
    JsonObject json = minimal();
    json.getJsonObject("tasks").remove("signingKey");
    json.getJsonObject("tasks").put("signingKeys", keys);
    return json;
  }

  @Test
  void a_list_gives_the_signing_key_first_and_every_key_to_verify() {
    TasksConfig tasks = load(withList(new JsonArray().add(NEW).add(OLD))).tasks();
    assertThat(tasks.signingKey()).isEqualTo(NEW);
    assertThat(tasks.signingKeys()).containsExactly(NEW, OLD);
  }

  @Test
  void the_list_comes_from_the_environment_comma_separated() {
    JsonObject json = minimal();
    json.getJsonObject("tasks").remove("signingKey");
    TasksConfig tasks = load(json, Map.of("COURIER_TASKS_SIGNING_KEYS", NEW + ", " + OLD)).tasks();
    assertThat(tasks.signingKeys()).containsExactly(NEW, OLD);
  }

  @Test
  void both_forms_at_once_are_refused_in_one_line_naming_both() {
    JsonObject both = withList(new JsonArray().add(NEW));
    both.getJsonObject("tasks").put("signingKey", OLD);
    failureOf(both).isEqualTo("config keys 'tasks.signingKey' and 'tasks.signingKeys' are both set: keep only "
      + "tasks.signingKeys (its first key signs, every key verifies) or only tasks.signingKey")
      .doesNotContain(NEW).doesNotContain(OLD);
    failureOf(withList(new JsonArray().add(NEW)), Map.of("COURIER_TASKS_SIGNING_KEY", OLD))
      .startsWith("config keys 'tasks.signingKey' (from COURIER_TASKS_SIGNING_KEY) and 'tasks.signingKeys' are both "
        + "set").doesNotContain(OLD);
    assertThatThrownBy(() -> load(both)).isInstanceOfSatisfying(ConfigException.class,
      e -> assertThat(e.type()).isEqualTo(ConfigErrorType.CONFLICTING_KEYS));
  }

  @Test
  void neither_form_is_the_missing_signing_key() {
    JsonObject json = minimal();
    json.getJsonObject("tasks").remove("signingKey");
    failureOf(json).isEqualTo("config key 'tasks.signingKey' is missing; set it in the config file or in "
      + "COURIER_TASKS_SIGNING_KEY");
  }

  @Test
  void an_empty_list_a_short_key_or_a_key_twice_is_refused_without_showing_a_key() {
    String problem = "config key 'tasks.signingKeys': must be a non-empty list of distinct keys of at least 32 "
      + "characters each, got ***";
    failureOf(withList(new JsonArray())).isEqualTo(problem);
    failureOf(withList(new JsonArray().add(NEW).add("short"))).isEqualTo(problem);
    failureOf(withList(new JsonArray().add(NEW).add(NEW))).isEqualTo(problem);
    failureOf(withList(NEW)).startsWith(problem).doesNotContain(NEW);
    JsonObject json = minimal();
    json.getJsonObject("tasks").remove("signingKey");
    failureOf(json, Map.of("COURIER_TASKS_SIGNING_KEYS", "tiny," + NEW))
      .startsWith("config key 'tasks.signingKeys' (from COURIER_TASKS_SIGNING_KEYS): must be").doesNotContain(NEW);
  }

  @Test
  void dev_is_read_from_the_file_and_the_environment() {
    assertThat(load(minimal().put("dev", true)).dev()).isTrue();
    assertThat(load(minimal().put("dev", true), Map.of("COURIER_DEV", "false")).dev()).isFalse();
  }
}
