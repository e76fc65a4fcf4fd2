package com.example.starter;

import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import dev.courier.testkit.CourierExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service under the test kit: its own contract, handler and task, on a real node against a real Redis. */
class HelloServiceTest {

  @RegisterExtension
  static final CourierExtension courier = CourierExtension.of(new HelloService())
    .configFile(Path.of("conf/config.json"));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void greetsLaterAsTheCaller() throws Exception {
    HttpResponse<String> queued = post("/v1/greetings", "{\"name\":\"Ada\"}", courier.token("alice"));
    assertEquals(202, queued.statusCode(), queued.body());
    String taskId = new JsonObject(queued.body()).getString("task_id");

    TaskStatus done = courier.awaitTask(taskId);
    assertEquals(TaskState.SUCCEEDED, done.state());
    assertEquals(new Greeting("Hello, Ada!", "alice"), done.result(Greeting.class).orElseThrow());
  }

  @Test
  void refusesWhatTheContractRefuses() throws Exception {
    assertEquals(400, post("/v1/greetings", "{\"name\":\"\"}", courier.token("alice")).statusCode());
    assertEquals(401, post("/v1/greetings", "{\"name\":\"Ada\"}", null).statusCode());
  }

  private HttpResponse<String> post(String path, String json, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(courier.uri(path))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
