package dev.courier.testkit;

import dev.courier.example.signup.SignupService;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit as a user meets it: the example service under the extension, driven over plain HTTP. */
class CourierExtensionTest {

  @RegisterExtension
  static final CourierExtension courier = CourierExtension.of(new SignupService())
    .configFile(Path.of("conf/config.json"));

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void servesTheContractWithTokensItMints() throws Exception {
    HttpResponse<String> me = send(courier, "GET", "/v1/me", null, courier.token("alice", "admin"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(me.body()).getString("subject")).isEqualTo("alice");

    HttpResponse<String> anonymous = send(courier, "GET", "/v1/me", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void runsTheTasksItsHandlersFire() throws Exception {
    String token = courier.token("bob");
    HttpResponse<String> fired = send(courier, "POST", "/v1/emails",
      "{\"to\":\"ada@example.org\",\"subject\":\"Hi\",\"body\":\"Hello\"}", token);
    assertThat(fired.statusCode()).isEqualTo(202);
    String taskId = new JsonObject(fired.body()).getString("task_id");

    TaskStatus done = courier.awaitTask(taskId);
    assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(done.subject()).isEqualTo("bob");
    assertThat(send(courier, "GET", "/v1/outbox", null, token).body()).contains(taskId).contains("\"sent_by\":\"bob\"");
  }

  @Test
  void awaitingATaskThatNeverEndsSaysWhereItStands() {
    String taskId = courier.tasks().task("sendEmail").delay(Duration.ofHours(1))
      .fire("ada@example.org", "Later", "Hello").await().taskId();
    assertThatThrownBy(() -> courier.awaitTask(taskId, Duration.ofMillis(300)))
      .isInstanceOf(AssertionError.class).hasMessageContaining(taskId).hasMessageContaining("last seen delayed");
    assertThatThrownBy(() -> courier.awaitTask("01NOSUCHTASK0000000000000", Duration.ofMillis(100)))
      .hasMessageContaining("no such task");
  }

  @Test
  void keepsTheServiceSectionOfTheConfigFileAndOwnsTheRest() {
    assertThat(courier.keyPrefix()).startsWith("courier-test-");
    assertThat(courier.uri("/x")).isEqualTo(URI.create("http://127.0.0.1:" + courier.port() + "/x"));
  }

  /** An instance field gives every test its own node. */
  @Nested
  class PerTest {

    private static final Set<String> PREFIXES = new HashSet<>();

    @RegisterExtension
    final CourierExtension own = CourierExtension.of(new SignupService()).role("api");

    @Test
    void first() {
      assertThat(PREFIXES.add(own.keyPrefix())).isTrue();
      assertThat(own.keyPrefix()).isNotEqualTo(courier.keyPrefix());
    }

    @Test
    void second() {
      assertThat(PREFIXES.add(own.keyPrefix())).isTrue();
    }
  }

  static HttpResponse<String> send(CourierExtension node, String method, String path, String body, String token)
    throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
