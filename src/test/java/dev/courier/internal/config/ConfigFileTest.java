package dev.courier.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir
  Path dir;

  private static String failureOf(Path file) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    return caught[0].getMessage();
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("absent.json");
    assertThat(failureOf(file)).isEqualTo("config file '" + file + "' not found");
  }

  @Test
  void syntaxErrorGivesThePosition() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\n  \"http\": {\"port\": 80,}\n}");
    assertThat(failureOf(file)).isEqualTo("config file '" + file + "' is not valid JSON: syntax error at line 2,"
      + " column 23");
  }

  @Test
  void trailingGarbageIsRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "{} {}");
    assertThat(failureOf(file)).startsWith("config file '" + file + "' is not valid JSON: syntax error at line 1");
  }

  @Test
  void emptyFile() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.json"), " \n");
    assertThat(failureOf(file)).isEqualTo("config file '" + file + "' is not valid JSON: the file is empty");
  }

  @Test
  void topLevelMustBeAnObject() throws Exception {
    Path file = Files.writeString(dir.resolve("array.json"), "[1, 2]");
    assertThat(failureOf(file))
      .isEqualTo("config file '" + file + "' is not valid JSON: the top level must be an object");
  }

  @Test
  void directoryIsUnreadable() {
    assertThat(failureOf(dir)).startsWith("config file '" + dir + "' could not be read: ");
  }

  @Test
  void envOverridesAFileValue() throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), ConfigFixtures.minimalWith("http.port", 1).encode());
    assertThat(ConfigLoader.load(file, Map.of("COURIER_HTTP_PORT", "2")).http().port()).isEqualTo(2);
  }

  @Test
  void repoConfigLoadsCleanly() {
    CourierConfig config = ConfigLoader.load(ConfigLoader.DEFAULT_FILE, Map.of());
    assertThat(config.role()).isEqualTo(NodeRole.ALL);
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.redis().url()).isEqualTo("redis://127.0.0.1:6379/0");
    assertThat(config.auth().algorithm()).isEqualTo(JwtAlgorithm.HS256);
    assertThat(config.auth().secret()).hasValueSatisfying(s -> assertThat(s).startsWith("DEV-ONLY"));
    assertThat(config.auth().issuer()).contains("courier-dev");
    assertThat(config.auth().audience()).contains("courier-api");
    assertThat(config.tasks().signingKey()).startsWith("DEV-ONLY");
    assertThat(config.tasks().workers()).isEqualTo(2);
    assertThat(config.dev()).as("the quick start's config is a development node's: its DEV-ONLY secrets draw no "
      + "warning").isTrue();
  }

  @Test
  void repoWorkerConfigLoadsCleanly() {
    CourierConfig config = ConfigLoader.load(Path.of("conf", "worker.json"), Map.of());
    assertThat(config.role()).isEqualTo(NodeRole.WORKER);
    assertThat(config.role().runsApi()).isFalse();
    assertThat(config.role().runsWorkers()).isTrue();
    assertThat(config.auth().secret()).as("a worker verifies no tokens, so it holds no JWT key").isEmpty();
    assertThat(config.dev()).isTrue();
  }
}
