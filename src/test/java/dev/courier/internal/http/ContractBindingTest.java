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
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The node refuses to start when the code and the contract disagree, and says where. */
class ContractBindingTest {

  private static final OperationHandler OK = request -> Future.succeededFuture(Reply.ok(new JsonObject()));
  private static final String PING = """
      /ping:
        get:
          operationId: ping
          security: []
          responses: {'200': {description: pong}}
    """;

  @TempDir
  Path dir;

  /** @return the file location of a 3.1 contract whose paths are {@code paths} and components {@code components} */
  private String contract(String paths, String components) throws IOException {
    Path file = Files.createTempFile(dir, "contract-", ".yaml");
    Files.writeString(file, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n" + paths
      + (components.isEmpty() ? "" : "components:\n" + components));
    return file.toString();
  }

  private static CourierService pinging(String contract) {
    return service(contract, setup -> setup.operation("ping", OK));
  }

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

  @Test
  void a_service_binding_a_framework_operation_fails_start_naming_it() {
    Throwable failure = startFailure(service("openapi/signup.yaml", setup -> List.of("signup", "getMe", "getUser",
      "sendEmail", "getOutbox", "getTaskStatus").forEach(id -> setup.operation(id, OK))));
    assertThat(failure).hasMessageContaining("getTaskStatus").hasMessageContaining("GET /v1/tasks/{task_id}")
      .hasMessageContaining("Courier binds itself");
  }

  @Test
  void a_contract_defining_a_framework_path_fails_start_naming_the_path() throws IOException {
    String contract = contract(PING + """
        /health/live:
          get:
            operationId: myLiveness
            security: []
            responses: {'200': {description: mine}}
      """, "");
    Throwable failure = startFailure(service(contract, setup -> setup.operation("ping", OK)
      .operation("myLiveness", OK)));
    assertThat(failure).hasMessageContaining("defines path '/health/live'").hasMessageContaining("Courier serves");
  }

  @Test
  void a_framework_path_with_other_parameter_names_is_the_same_route_and_is_refused() throws IOException {
    String contract = contract(PING + """
        /v1/tasks/{id}/:
          get:
            operationId: myTask
            security: []
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            responses: {'200': {description: mine}}
      """, "");
    Throwable failure = startFailure(service(contract, setup -> setup.operation("ping", OK).operation("myTask", OK)));
    assertThat(failure).hasMessageContaining("'/v1/tasks/{id}/'").hasMessageContaining("'/v1/tasks/{task_id}'");
  }

  @Test
  void a_literal_path_that_would_take_requests_meant_for_a_framework_route_is_refused() throws IOException {
    String contract = contract(PING + """
        /admin/api/queues/mine/tasks:
          get:
            operationId: myTasks
            security: []
            responses: {'200': {description: mine}}
      """, "");
    Throwable failure = startFailure(service(contract, setup -> setup.operation("ping", OK).operation("myTasks", OK)));
    assertThat(failure).hasMessageContaining("'/admin/api/queues/mine/tasks'")
      .hasMessageContaining("'/admin/api/queues/{queue}/tasks'");
  }

  @Test
  void a_parameter_where_a_framework_route_has_a_literal_is_served_beside_it() throws IOException {
    String contract = contract(PING + """
        /admin/{section}:
          get:
            operationId: mySection
            security: []
            parameters: [{name: section, in: path, required: true, schema: {type: string}}]
            responses: {'200': {description: mine}}
      """, "");
    try (TestNode app = TestNode.start(service(contract, setup -> setup.operation("ping", OK)
      .operation("mySection", OK)), RedisFixture.shared().url(), new JsonObject())) {
      assertThat(app.client.get("/admin/stats").send().await().statusCode()).isEqualTo(200);
      assertThat(app.client.get("/admin").send().await().getHeader("Content-Type")).startsWith("text/html");
    }
  }

  @Test
  void a_framework_operation_id_on_another_path_is_refused() throws IOException {
    String contract = contract(PING.replace("operationId: ping", "operationId: healthLive"), "");
    Throwable failure = startFailure(service(contract, setup -> { }));
    assertThat(failure).hasMessageContaining("GET /ping 'healthLive'").hasMessageContaining("GET /health/live");
  }

  @Test
  void a_component_named_like_one_of_courier_is_refused() throws IOException {
    String contract = contract(PING, """
        schemas:
          CourierError: {type: object}
      """);
    assertThat(startFailure(pinging(contract))).hasMessageContaining("components.schemas.CourierError");
  }

  @Test
  void an_openapi_3_0_contract_is_refused_naming_the_version() throws IOException {
    Path file = Files.createTempFile(dir, "contract-", ".yaml");
    Files.writeString(file, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n" + PING);
    assertThat(startFailure(pinging(file.toString()))).hasMessageContaining("3.0.3").hasMessageContaining("3.1");
  }
}
