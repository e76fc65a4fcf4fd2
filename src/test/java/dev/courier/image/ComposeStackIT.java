package dev.courier.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.courier.internal.auth.TokenMinter;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.testing.DockerEngine;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The project's own images, built here, run as docker/compose.yml says: Redis, an API node and two worker nodes.
 * E-mails fired through the API are each delivered exactly once although a worker is killed (docker kill) while
 * they are being delivered. Runs after the fat jar is packaged; skipped, saying why, where no Docker engine (or
 * podman's Docker-compatible service) answers or docker / docker-compose are missing.
 */
class ComposeStackIT {

  private static final Path COMPOSE = Path.of("docker", "compose.yml");
  private static final Path WORK = Path.of("target", "compose-it");
  private static final int EMAILS = 200;
  private static final String SENDER = "alice";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  @Timeout(900)
  void the_stack_delivers_every_email_once_although_a_worker_is_killed() throws Exception {
    Optional<String> engine = DockerEngine.find();
    assumeTrue(engine.isPresent(), "no Docker engine or podman answers (DOCKER_HOST, /var/run/docker.sock): the "
      + "image is not built and the compose stack not run");
    assumeTrue(Docker.onPath("docker") && Docker.onPath("docker-compose"),
      "the docker and docker-compose commands are needed (apt-get install docker.io docker-compose)");
    Files.createDirectories(WORK);
    int apiPort = freePort();
    String project = "courierit" + ProcessHandle.current().pid();
    Docker docker = new Docker(engine.get(), WORK, Map.of("API_PUBLISH", "127.0.0.1:" + apiPort));
    Path override = WORK.resolve("override.yml");
    // a short lease, so that the killed worker's tasks come back within seconds, not the default 30
    Files.writeString(override, "services:\n  worker:\n    environment:\n      COURIER_TASKS_LEASE_SECONDS: \"5\"\n");
    List<String> compose = List.of("docker-compose", "-p", project, "-f", COMPOSE.toString(), "-f",
      override.toString());

    if (!Files.isExecutable(Path.of("target", "image", "courier-root", "opt", "jre", "bin", "java"))) {
      docker.run(Duration.ofMinutes(5), "sh", "docker/image-roots.sh", "target/image", System.getProperty("java.home"));
    }
    docker.run(Duration.ofMinutes(10), with(compose, "build"));
    try {
      docker.run(Duration.ofMinutes(3), with(compose, "up", "-d", "--scale", "worker=2"));
      String base = "http://127.0.0.1:" + apiPort;
      waitFor(Duration.ofMinutes(3), () -> status(base + "/health/ready") == 200, "the API node to be ready");
      List<String> workers = docker.lines(Duration.ofMinutes(1), with(compose, "ps", "-q", "worker"));
      assertThat(workers).hasSize(2);

      String token = token();
      List<String> fired = new ArrayList<>();
      List<Instant> due = new ArrayList<>();
      for (int i = 0; i < EMAILS; i++) {
        JsonObject queued = fire(base, token, i);
        fired.add(queued.getString("task_id"));
        due.add(Instant.parse(queued.getString("due_at")));
      }
      // the kill lands while the workers deliver: the e-mails fall due over the time it took to fire them
      long untilKill = Duration.between(Instant.now(), due.get(EMAILS / 2)).toMillis();
      Thread.sleep(Math.max(0, untilKill));
      docker.run(Duration.ofMinutes(1), "docker", "kill", workers.get(0));
      List<JsonObject> outbox = waitFor(Duration.ofMinutes(3), () -> outbox(base, token),
        emails -> emails.size() >= EMAILS, "every e-mail in the outbox");
      List<String> delivered = outbox.stream().map(e -> e.getString("task_id")).toList();
      assertThat(delivered).as("each e-mail once").doesNotHaveDuplicates().hasSize(EMAILS);
      assertThat(new HashSet<>(delivered)).isEqualTo(new HashSet<>(fired));
      assertThat(outbox).allSatisfy(e -> assertThat(e.getString("sent_by")).isEqualTo(SENDER));
      // an e-mail is in the outbox before its task's outcome is recorded; a task whose worker was killed between the
      // two stays running until its lease ends and another worker runs it again (the outbox keeps one e-mail)
      List<JsonObject> statuses = waitFor(Duration.ofMinutes(1),
        () -> fired.stream().map(id -> get(base + "/v1/tasks/" + id, token)).toList(),
        all -> all.stream().allMatch(t -> "succeeded".equals(t.getString("state"))), "every task succeeded");
      Map<Integer, Integer> attempts = new java.util.TreeMap<>();
      statuses.forEach(status -> attempts.merge(status.getInteger("attempts"), 1, Integer::sum));
      // more than one attempt: the task was the killed worker's, and another ran it after its lease expired
      System.out.println("ComposeStackIT: " + EMAILS + " e-mails delivered once each; tasks by attempts " + attempts);

      assertThat(docker.lines(Duration.ofMinutes(1), "docker", "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}",
        workers.get(0))).containsExactly("exited 137");
      String api = docker.lines(Duration.ofMinutes(1), with(compose, "ps", "-q", "api")).get(0);
      for (String container : List.of(api, workers.get(1))) {
        waitFor(Duration.ofMinutes(2), () -> docker.lines(Duration.ofMinutes(1), "docker", "inspect", "-f",
          "{{.State.Health.Status}} {{.Config.User}}", container), s -> s.equals(List.of("healthy 10001:10001")),
          "container " + container + " healthy, running as user 10001");
      }
    } catch (AssertionError | Exception e) {
      docker.saveLogs(with(compose, "logs", "--no-color"), WORK.resolve(project + ".log"));
      throw e;
    } finally {
      docker.run(Duration.ofMinutes(3), with(compose, "down", "-v", "--timeout", "60"));
    }
  }

  private String token() {
    CourierConfig config = ConfigLoader.load(Path.of("conf", "config.json"), Map.of());
    JsonObject claims = new JsonObject().put("sub", SENDER).put("roles", new JsonArray());
    config.auth().issuer().ifPresent(iss -> claims.put("iss", iss));
    config.auth().audience().ifPresent(aud -> claims.put("aud", aud));
    Vertx vertx = Vertx.vertx();
    try {
      return TokenMinter.mint(vertx, "HS256", config.auth().secret().orElseThrow(), claims, 3600);
    } finally {
      vertx.close().await();
    }
  }

  /** Fires one e-mail due in 2 s; answers the 202's body (task id and due time). */
  private JsonObject fire(String base, String token, int i) throws Exception {
    JsonObject body = new JsonObject().put("to", "bob@example.org").put("subject", "mail " + i).put("body", "hi")
      .put("delay_seconds", 2);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/emails"))
      .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return new JsonObject(response.body());
  }

  private List<JsonObject> outbox(String base, String token) {
    JsonArray emails = get(base + "/v1/outbox", token).getJsonArray("emails");
    List<JsonObject> list = new ArrayList<>();
    emails.forEach(e -> list.add((JsonObject) e));
    return list;
  }

  private JsonObject get(String url, String token) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
      return new JsonObject(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int status(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void waitFor(Duration limit, java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    waitFor(limit, done::getAsBoolean, ok -> ok, what);
  }

  private static <T> T waitFor(Duration limit, java.util.function.Supplier<T> probe,
                               java.util.function.Predicate<T> done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + limit + " for " + what + "; last: " + last);
      }
      Thread.sleep(250);
      last = probe.get();
    }
    return last;
  }

  private static List<String> with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
