package dev.courier.internal.launch;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A contract that redefines one of Courier's routes stops the node with the one line a person reads on stderr. */
class FrameworkPathClashTest {

  @TempDir
  Path dir;

  @Test
  void a_contract_redefining_health_live_is_refused_in_one_line_naming_the_path() throws Exception {
    Path contract = dir.resolve("clash.yaml");
    Files.writeString(contract, """
      openapi: 3.1.0
      info: {title: clash, version: '1'}
      paths:
        /health/live:
          get:
            operationId: myLiveness
            security: []
            responses: {'200': {description: my own liveness}}
      """);
    CourierService service = new CourierService() {
      @Override
      public String contract() {
        return contract.toString();
      }

      @Override
      public void setup(ServiceSetup setup) {
        setup.operation("myLiveness", request -> {
          throw new AssertionError("never served");
        });
      }
    };
    String prefix = RedisFixture.uniquePrefix();
    CourierConfig config = ConfigLoader.fromJson(
      TestNode.config(RedisFixture.shared().url(), prefix, new JsonObject()), Map.of());

    Throwable failure = catchThrowable(() -> TestNode.start(service, config, prefix).close());

    assertThat(failure).as("the node must refuse to start").isNotNull();
    String line = StartupFailure.describe(failure, config);
    assertThat(line).doesNotContain("\n").doesNotContain("Exception").startsWith("cannot start: the contract ")
      .contains(contract.toString()).contains("defines path '/health/live', which Courier serves itself");
  }
}
