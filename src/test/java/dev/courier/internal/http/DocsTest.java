package dev.courier.internal.http;

import dev.courier.internal.testing.SignupNodeTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.courier.internal.http.ErrorShape.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The served contract and Swagger UI from the webjar: right types, no CDN, no way out of the asset folder. */
class DocsTest extends SignupNodeTest {

  private HttpResponse<Buffer> get(String uri) {
    return app.client.get(uri).send().await();
  }

  @Test
  void the_contract_is_served_as_yaml() {
    HttpResponse<Buffer> response = get("/openapi.yaml");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(response.bodyAsString()).contains("openapi: 3.1.0").contains("operationId: signup");
  }

  @Test
  void the_served_contract_has_courier_routes_the_example_contract_does_not_declare() {
    String served = get("/openapi.yaml").bodyAsString();
    for (String id : new String[] {"healthLive", "healthReady", "openapiContract", "apiDocs", "apiDocsAsset",
      "getTaskStatus"}) {
      assertThat(served).contains("operationId: " + id);
    }
    assertThat(served).contains("/v1/tasks/{task_id}:").contains("courierBearer");
  }

  @Test
  void the_docs_page_is_html_loading_the_bundle_from_this_node() {
    HttpResponse<Buffer> response = get("/docs");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/html");
    assertThat(response.bodyAsString()).contains("src=\"/docs/swagger-ui-bundle.js\"")
      .contains("/docs/courier-docs.js").doesNotContain("https://");
  }

  @Test
  void the_swagger_bundle_is_served_from_the_webjar() {
    HttpResponse<Buffer> response = get("/docs/swagger-ui-bundle.js");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).contains("javascript");
    assertThat(response.body().length()).isGreaterThan(10_000);
    assertThat(response.getHeader("Cache-Control")).contains("max-age");
  }

  @Test
  void the_stylesheet_is_served_as_css() {
    HttpResponse<Buffer> response = get("/docs/swagger-ui.css");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/css");
    assertThat(response.body().length()).isPositive();
  }

  @Test
  void the_init_script_points_swagger_ui_at_the_served_contract() {
    HttpResponse<Buffer> response = get("/docs/courier-docs.js");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).contains("javascript");
    assertThat(response.bodyAsString()).contains("url: '/openapi.yaml'");
  }

  @Test
  void an_unknown_asset_is_a_404_in_the_error_shape() {
    assertError(get("/docs/nope.js"), 404, "not_found");
    assertError(get("/docs/pom.properties"), 404, "not_found");
    assertError(get("/docs/.."), 404, "not_found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/docs/..%2Fetc", "/docs/..%2F..%2F..%2Fetc%2Fpasswd", "/docs/%2e%2e%2fpom.properties",
    "/docs/..%5C..%5Cpom.xml", "/docs/%2e%2e/%2e%2e/pom.xml", "/docs/swagger-ui.css%00.js"})
  void a_traversal_attempt_is_an_error_never_a_file(String uri) {
    HttpResponse<Buffer> response = get(uri);
    assertThat(response.statusCode()).as("%s answered %s", uri, response.bodyAsString()).isIn(400, 404);
    assertError(response, response.statusCode(), response.statusCode() == 400 ? "bad_request" : "not_found");
    assertThat(response.bodyAsString()).doesNotContain("root:").doesNotContain("<project").doesNotContain("version=");
  }
}
