package com.example.starter;

import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jar as it runs in production: {@code java -jar target/service-fat.jar -conf conf/config.json}, with
 * Redis and the port given by environment variables, a token from {@code MintToken}, then the 202-then-poll round.
 */
class StarterJarIT {

  private static final String JAR = "target/service-fat.jar";
  /** The node's output goes to a file: a pipe nobody reads would block it once full. */
  private static final Path NODE_LOG = Path.of("target/starter-node.log");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void theJarServesItsContractAndRunsItsTask() throws Exception {
    try (RedisFixture redis = RedisFixture.start()) {
      int port = freePort();
      Map<String, String> env = Map.of("COURIER_REDIS_URL", redis.url(), "COURIER_HTTP_PORT", String.valueOf(port));
      Process node = java(env, "-jar", JAR, "-conf", "conf/config.json").redirectOutput(NODE_LOG.toFile()).start();
      try {
        awaitReady(port, node);
        String token = mintToken(env);

        HttpResponse<String> queued = http.send(HttpRequest.newBuilder(uri(port, "/v1/greetings"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Grace\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, queued.statusCode(), queued.body());
        String taskId = new JsonObject(queued.body()).getString("task_id");

        JsonObject status = new JsonObject();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"succeeded".equals(status.getString("state")) && System.nanoTime() < deadline) {
          Thread.sleep(100);
          status = new JsonObject(http.send(HttpRequest.newBuilder(uri(port, "/v1/tasks/" + taskId))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        assertEquals("succeeded", status.getString("state"), status.encode());
        assertEquals("Hello, Grace!", status.getJsonObject("result").getString("text"));
      } finally {
        node.destroy(); // SIGTERM: the node drains and exits
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "the node did not stop on SIGTERM");
      }
    }
  }

  private void awaitReady(int port, Process node) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(node.isAlive(), "the node exited: " + Files.readString(NODE_LOG));
      try {
        if (http.send(HttpRequest.newBuilder(uri(port, "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the node was not ready within 30 s");
  }

  private static String mintToken(Map<String, String> env) throws Exception {
    Process mint = java(env, "-cp", JAR, "dev.courier.launch.MintToken", "-conf", "conf/config.json", "--sub", "alice")
      .start();
    String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, mint.waitFor(), token);
    return token.lines().reduce((first, last) -> last).orElseThrow();
  }

  private static ProcessBuilder java(Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("COURIER_"));
    builder.environment().putAll(env);
    return builder;
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
