package dev.courier.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The DEV-ONLY secrets of conf/ draw a loud warning at start-up, unless the config says it is a development node. */
class DevSecretsTest {

  private static final String DEV_JWT = "DEV-ONLY-jwt-secret-0123456789abcdefghijkl";
  private static final String DEV_KEY = "DEV-ONLY-signing-key-0123456789abcdefghijkl";

  private final Logger log = (Logger) LoggerFactory.getLogger(DevSecrets.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    events.start();
    log.addAppender(events);
  }

  @AfterEach
  void release() {
    log.detachAppender(events);
  }

  @Test
  void a_node_with_dev_only_secrets_warns_at_start_naming_the_keys_never_the_values() {
    String prefix = RedisFixture.uniquePrefix();
    JsonObject json = TestNode.config(RedisFixture.shared().url(), prefix, new JsonObject().put("role", "worker"))
      .put("tasks", new JsonObject().put("signingKeys", new io.vertx.core.json.JsonArray().add(DEV_KEY)
        .add("a-real-old-key-0123456789abcdefghijklmnopqr")).put("prefix", prefix));
    json.getJsonObject("auth").getJsonObject("jwt").put("secret", DEV_JWT);
    TestNode.start(new WorkerOnlyService(), ConfigLoader.fromJson(json, Map.of()), prefix).close();

    List<ILoggingEvent> warnings = warnings();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getFormattedMessage()).startsWith("DEV-ONLY SECRETS IN USE (auth.jwt.secret, task "
        + "signing key 1 of 2): these are sample values").contains("\"dev\": true")
      .doesNotContain(DEV_JWT).doesNotContain(DEV_KEY);
  }

  @Test
  void a_development_node_says_nothing_and_neither_does_a_node_with_real_secrets() {
    CourierConfig quickStart = ConfigLoader.load(Path.of("conf", "config.json"), Map.of());
    assertThat(DevSecrets.used(quickStart)).containsExactly("auth.jwt.secret", "the task signing key");
    DevSecrets.warnIfUsed(quickStart);
    DevSecrets.warnIfUsed(ConfigLoader.load(Path.of("conf", "worker.json"), Map.of()));
    DevSecrets.warnIfUsed(ConfigLoader.fromJson(TestNode.config("redis://127.0.0.1:1", "p", new JsonObject()),
      Map.of()));
    assertThat(warnings()).isEmpty();

    DevSecrets.warnIfUsed(ConfigLoader.load(Path.of("conf", "config.json"), Map.of("COURIER_DEV", "false")));
    assertThat(warnings()).as("the same config in production").hasSize(1);
  }

  private List<ILoggingEvent> warnings() {
    return List.copyOf(events.list).stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }
}
