package dev.courier.internal.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast body test (networknt) may only say yes where vertx-json-schema says yes: checked body by body on the
 * example contract, valid and invalid ones alike. And the hot operation really has one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyValidationTest {

  private Vertx vertx;
  private ApiContract contract;

  @BeforeAll
  void load() throws Exception {
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx, "openapi/signup.yaml").await(20, TimeUnit.SECONDS);
  }

  @AfterAll
  void close() {
    vertx.close().await();
  }

  private JsonSchema requestSchema(String operationId) {
    OpenAPIContract openApi = contract.openApi();
    return openApi.operation(operationId).getRequestBody().getContent().get("application/json").getSchema();
  }

  @Test
  void send_email_has_a_fast_test_that_agrees_with_vertx_json_schema() {
    JsonSchema schema = requestSchema("sendEmail");
    Predicate<Buffer> fast = contract.schemas().fastTest(schema);
    assertThat(fast).as("fast test of sendEmail's body").isNotNull();
    List<String> valid = List.of(
      "{\"to\":\"bob@example.org\",\"subject\":\"Hi\",\"body\":\"Hello\"}",
      "{\"to\":\"bob@example.org\",\"subject\":\"\",\"body\":\"x\",\"delay_seconds\":60}",
      "{\"to\":\"b@x\",\"subject\":\"Hi\",\"body\":\"Hello\",\"delay_seconds\":0}");
    List<String> invalid = List.of(
      "{\"to\":\"bob@example.org\",\"subject\":\"Hi\"}",
      "{\"to\":\"no-at-sign\",\"subject\":\"Hi\",\"body\":\"Hello\"}",
      "{\"to\":\"bob@example.org\",\"subject\":\"Hi\",\"body\":\"Hello\",\"admin\":true}",
      "{\"to\":\"bob@example.org\",\"subject\":1,\"body\":\"Hello\"}",
      "{\"to\":\"bob@example.org\",\"subject\":\"Hi\",\"body\":\"Hello\",\"delay_seconds\":-1}",
      "{\"to\":\"bob@example.org\",\"subject\":\"Hi\",\"body\":\"Hello\",\"delay_seconds\":1.5}",
      "{\"to\":\"bob@example.org\",\"subject\":\"" + "x".repeat(201) + "\",\"body\":\"Hello\"}",
      "[]", "\"text\"", "null");
    valid.forEach(body -> {
      assertThat(fast.test(Buffer.buffer(body))).as(body).isTrue();
      assertThat(vertxAccepts(schema, body)).as(body).isTrue();
    });
    invalid.forEach(body -> {
      assertThat(fast.test(Buffer.buffer(body))).as(body).isFalse();
      assertThat(vertxAccepts(schema, body)).as(body).isFalse();
    });
  }

  @Test
  void a_schema_with_a_keyword_outside_the_shared_set_keeps_vertx_json_schema_alone() {
    // User's created_at has format: date-time, whose checks differ between the libraries
    JsonSchema user = contract.openApi().operation("getUser").getResponse(200).getContent().get("application/json")
      .getSchema();
    assertThat(contract.schemas().fastTest(user)).isNull();
    assertThat(contract.schemas().fastTest(requestSchema("signup"))).isNotNull();
  }

  private boolean vertxAccepts(JsonSchema schema, String body) {
    return contract.schemas().validate(schema, io.vertx.core.json.Json.decodeValue(body)).getValid();
  }
}
