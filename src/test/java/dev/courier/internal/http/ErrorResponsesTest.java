package dev.courier.internal.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of a served contract, the service's and Courier's, declares the errors Courier answers for it, in
 * the one error shape: 400, 500 and 503 always, 401 with security, 403 with roles, 413 and 415 with a body. This is
 * the rule the OWASP error-response lint checks, held here without any linter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorResponsesTest {

  private static final String ERROR_SCHEMA = "#/components/schemas/CourierError";

  private Vertx vertx;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  private JsonObject served(String contract) throws Exception {
    return ServedContract.load(vertx, contract).await(20, TimeUnit.SECONDS).document();
  }

  @ParameterizedTest
  @ValueSource(strings = {"openapi/signup.yaml", "openapi/test-ops.yaml", "openapi/test-bare.yaml"})
  void every_operation_declares_the_errors_courier_answers(String contract) throws Exception {
    JsonObject served = served(contract);
    JsonArray global = served.getJsonArray("security", new JsonArray());
    List<String> missing = new ArrayList<>();
    int[] operations = {0};
    ContractOperations.forEach(served, (path, method, operation) -> {
      operations[0]++;
      JsonArray security = operation.getJsonArray("security", global);
      boolean secured = !security.isEmpty() && security.stream().noneMatch(r -> ((JsonObject) r).isEmpty());
      boolean roles = security.stream().map(JsonObject.class::cast)
        .anyMatch(r -> r.fieldNames().stream().anyMatch(scheme -> !r.getJsonArray(scheme).isEmpty()));
      List<String> expected = new ArrayList<>(List.of("400", "500", "503"));
      if (secured) {
        expected.add("401");
      }
      if (roles) {
        expected.add("403");
      }
      if (operation.containsKey("requestBody")) {
        expected.addAll(List.of("413", "415"));
      }
      JsonObject responses = operation.getJsonObject("responses", new JsonObject());
      for (String code : expected) {
        JsonObject response = resolve(served, responses.getJsonObject(code));
        if (response == null) {
          missing.add(method.toUpperCase() + " " + path + " " + code);
        } else if (!userDeclared(contract, path, method, code)) {
          assertThat(schemaRef(response)).as("%s %s %s", method, path, code).isEqualTo(ERROR_SCHEMA);
        }
      }
    });
    assertThat(operations[0]).as("operations in %s", contract).isGreaterThan(6);
    assertThat(missing).as("error responses missing from the served %s", contract).isEmpty();
  }

  @Test
  void the_error_schema_is_the_shape_every_error_has() throws Exception {
    JsonObject schema = served("openapi/test-bare.yaml").getJsonObject("components").getJsonObject("schemas")
      .getJsonObject("CourierError");
    assertThat(new TreeSet<>(schema.getJsonArray("required").getList()))
      .containsExactly("details", "error", "message", "request_id", "status");
    assertThat(schema.getBoolean("additionalProperties")).isFalse();
  }

  @Test
  void a_response_the_service_declared_is_kept_as_it_wrote_it() throws Exception {
    JsonObject ping = served("openapi/test-bare.yaml").getJsonObject("paths").getJsonObject("/ping")
      .getJsonObject("get").getJsonObject("responses");
    assertThat(ping.getJsonObject("400").getString("description")).isEqualTo("The service's own words for a bad ping");
    assertThat(ping.getJsonObject("401").getString("$ref")).isEqualTo("#/components/responses/CourierUnauthorized");
  }

  @Test
  void only_operations_with_a_body_or_roles_get_413_415_or_403() throws Exception {
    JsonObject paths = served("openapi/test-ops.yaml").getJsonObject("paths");
    assertThat(paths.getJsonObject("/admin/stats").getJsonObject("get").getJsonObject("responses").fieldNames())
      .contains("401", "403").doesNotContain("413", "415");
    assertThat(paths.getJsonObject("/boom").getJsonObject("get").getJsonObject("responses").fieldNames())
      .contains("400", "500", "503").doesNotContain("401", "403", "413", "415");
  }

  /** Follows a response's {@code $ref} into components.responses. */
  private static JsonObject resolve(JsonObject served, JsonObject response) {
    if (response == null || !response.containsKey("$ref")) {
      return response;
    }
    String name = response.getString("$ref").substring("#/components/responses/".length());
    return served.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
  }

  private static String schemaRef(JsonObject response) {
    return response.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")
      .getString("$ref");
  }

  /** Whether the service's own contract declared {@code code} there (then it is the service's to shape). */
  private boolean userDeclared(String contract, String path, String method, String code) {
    JsonObject own = ContractYaml.read(vertx.fileSystem().readFileBlocking(contract), contract);
    JsonObject item = own.getJsonObject("paths", new JsonObject()).getJsonObject(path);
    return item != null && item.getJsonObject(method).getJsonObject("responses").containsKey(code);
  }
}
