package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

  @Test
  void typoInAKeyIsRejected() {
    failureOf(minimalWith("http.prot", 8080))
      .isEqualTo("config key 'http.prot' is unknown (did you mean 'http.port'?)");
  }

  @Test
  void unknownTopLevelSectionIsRejected() {
    failureOf(minimal().put("cache", new JsonObject().put("enabled", true)))
      .isEqualTo("config key 'cache' is unknown");
  }

  @Test
  void unknownKeyInDeepSectionIsRejected() {
    failureOf(minimalWith("auth.jwt.leeway", 5))
      .isEqualTo("config key 'auth.jwt.leeway' is unknown (did you mean 'auth.jwt.leewaySeconds'?)");
  }

  @Test
  void flatDottedKeysAreNotAccepted() {
    failureOf(minimal().put("http.port", 9090))
      .isEqualTo("config key 'http.port' is unknown: dotted names are not read, nest it as"
        + " {\"http\": {\"port\": ...}}");
    failureOf(minimalWith("auth.jwt.issuer", "x").put("auth", new JsonObject().put("jwt.issuer", "x")))
      .isEqualTo("config key 'auth.jwt.issuer' is unknown: dotted names are not read, nest it as"
        + " {\"auth\": {\"jwt\": {\"issuer\": ...}}}");
  }

  @Test
  void sectionMustBeAnObject() {
    failureOf(minimal().put("http", 8080))
      .isEqualTo("config key 'http': must be a JSON object (a section), got a number");
  }

  @Test
  void leafGivenAsObjectIsABadValue() {
    failureOf(minimalWith("http.port", new JsonObject().put("value", 1)))
      .startsWith("config key 'http.port': must be an integer from 0 to 65535, got ");
  }

  @Test
  void servicePassesThroughUntouched() {
    JsonObject service = new JsonObject()
      .put("greeting", "hello")
      .put("anything", new JsonObject().put("nested", new JsonArray().add(1).add("two")));
    CourierConfig config = load(minimal().put("service", service));
    assertThat(config.service()).isEqualTo(service);
  }

  @Test
  void serviceCannotBeChangedThroughTheConfig() {
    JsonObject service = new JsonObject().put("greeting", "hello");
    CourierConfig config = load(minimal().put("service", service));
    service.put("greeting", "changed");
    config.service().put("greeting", "changed too");
    assertThat(config.service().getString("greeting")).isEqualTo("hello");
  }

  @Test
  void everyUnknownKeyIsListedWithTheKnownKeyItResembles() {
    failureOf(minimalWith("tasks.concurency", 4).put("cache", new JsonObject().put("on", true))
      .put("http", new JsonObject().put("Port", 80)))
      .isEqualTo("config keys 'tasks.concurency' (did you mean 'tasks.concurrency'?), 'cache', "
        + "'http.Port' (did you mean 'http.port'?) are unknown");
  }
}
