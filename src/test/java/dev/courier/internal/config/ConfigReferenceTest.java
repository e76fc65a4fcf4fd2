package dev.courier.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

  @Test
  void envRuleSplitsCamelCaseAndSegments() {
    assertThat(ConfigReference.envName("http.port")).isEqualTo("COURIER_HTTP_PORT");
    assertThat(ConfigReference.envName("auth.jwt.leewaySeconds")).isEqualTo("COURIER_AUTH_JWT_LEEWAY_SECONDS");
    assertThat(ConfigReference.envName("http.cors.allowedOrigins")).isEqualTo("COURIER_HTTP_CORS_ALLOWED_ORIGINS");
    assertThat(ConfigReference.envName("role")).isEqualTo("COURIER_ROLE");
  }

  @Test
  void tableHasAHeaderAndOneRowPerKey() {
    String[] lines = ConfigReference.markdownTable().split("\n");
    assertThat(lines[0]).isEqualTo("| key | env | type | default | meaning |");
    assertThat(lines).hasSize(2 + ConfigKeys.ALL.size());
  }

  @Test
  void everyKeyIsListedWithItsEnvVariable() {
    String table = ConfigReference.markdownTable();
    for (ConfigKey key : ConfigKeys.ALL) {
      String expectedEnv = key.name().equals("service") ? "(none)" : "`" + EnvNames.of(key.name()) + "`";
      assertThat(table).contains("| `" + key.name() + "` | " + expectedEnv + " |");
    }
  }

  @Test
  void rowsShowDefaultsRequiredAndSecrets() {
    String table = ConfigReference.markdownTable();
    assertThat(table)
      .contains("| `http.port` | `COURIER_HTTP_PORT` | integer 0..65535 | `8080` |")
      .contains("| `role` | `COURIER_ROLE` | all \\| api \\| worker | `all` |")
      .contains("| `tasks.queues` | `COURIER_TASKS_QUEUES` | list of queue names | `[default]` |")
      .contains("| `redis.url` | `COURIER_REDIS_URL` | redis URL | **required** |")
      .contains("| `tasks.signingKey` | `COURIER_TASKS_SIGNING_KEY` | string, 32+ characters (secret) |  |")
      .contains("| `tasks.signingKeys` | `COURIER_TASKS_SIGNING_KEYS` | list of strings, 32+ characters each (secret)"
        + " |  |");
  }

  @Test
  void readmeShowsTheTableAsGenerated() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    assertThat(readme).as("README's configuration table (paste ConfigReference.markdownTable())")
      .contains(ConfigReference.markdownTable());
  }

  @Test
  void everyKeyConstantIsInTheTable() throws IllegalAccessException {
    List<Object> constants = new ArrayList<>();
    for (Field field : ConfigKeys.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigKey.class) {
        field.setAccessible(true);
        constants.add(field.get(null));
      }
    }
    assertThat(ConfigKeys.ALL).containsExactlyInAnyOrderElementsOf(constants.stream().map(ConfigKey.class::cast)
      .toList());
  }

  @Test
  void everyKeyHasADescription() {
    assertThat(ConfigKeys.ALL).allSatisfy(key -> assertThat(key.description()).isNotBlank());
  }
}
