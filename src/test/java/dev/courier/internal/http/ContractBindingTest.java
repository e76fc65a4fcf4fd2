package dev.courier.internal.http;

import dev.courier.api.OperationHandler;
import dev.courier.api.Reply;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The node refuses to start when the code and the contract disagree, and says where. */
class ContractBindingTest {

  private static final OperationHandler OK = request -> Future.succeededFuture(Reply.ok(new JsonObject()));

  /** A service over {@code contract} whose setup is {@code binder}. */
  private static CourierService service(String contract, Consumer<ServiceSetup> binder) {
    return new CourierService() {
      @Override
      public String contract() {
        return contract;
      }

      @Override
      public void setup(ServiceSetup setup) {
        binder.accept(setup);
      }
    };
  }

  private static CourierService signup(List<String> operationIds) {
    return service("openapi/signup.yaml", setup -> operationIds.forEach(id -> setup.operation(id, OK)));
  }

  /** @return the failure of starting a node for {@code service}; fails the test if the node starts. */
  private static Throwable startFailure(CourierService service) {
    Throwable failure = catchThrowable(() -> {
      TestNode node = TestNode.start(service, RedisFixture.shared().url(), new JsonObject());
      node.close();
    });
    assertThat(failure).as("the node must refuse to start").isNotNull();
    return failure;
  }

  @Test
  void every_operation_bound_starts() {
    try (TestNode node = TestNode.start(signup(List.of("signup", "getMe", "getUser", "sendEmail", "getOutbox")),
      RedisFixture.shared().url(), new JsonObject())) {
      assertThat(node.node.httpPort()).isPositive();
    }
  }

  @Test
  void an_operation_without_a_handler_fails_start_naming_it() {
    Throwable failure = startFailure(signup(List.of("signup", "getMe", "sendEmail", "getOutbox")));
    assertThat(failure).hasMessageContaining("getUser").hasMessageContaining("without a handler");
    assertThat(failure.getMessage()).doesNotContain("getMe").doesNotContain("healthLive");
  }

  @Test
  void a_handler_for_an_operation_the_contract_lacks_fails_start_naming_it() {
    Throwable failure = startFailure(signup(List.of("signup", "getMe", "getUser", "sendEmail", "getOutbox", "nope")));
    assertThat(failure).hasMessageContaining("nope").hasMessageContaining("contract lacks");
  }

  @Test
  void binding_the_same_operation_twice_fails_start() {
    Throwable failure = startFailure(service("openapi/signup.yaml", setup -> setup
      .operation("signup", OK).operation("getMe", OK).operation("getUser", OK).operation("signup", OK)));
    assertThat(failure).hasMessageContaining("signup").hasMessageContaining("twice");
  }

  @Test
  void a_security_scheme_other_than_bearer_fails_start_naming_it() {
    Throwable failure = startFailure(service("openapi/test-apikey.yaml", setup -> setup.operation("partnerPing", OK)));
    assertThat(failure).hasMessageContaining("partnerKey").hasMessageContaining("bearer");
  }
}
