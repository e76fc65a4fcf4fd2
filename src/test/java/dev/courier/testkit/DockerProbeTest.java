package dev.courier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.courier.internal.testing.ChildJvm;
import dev.courier.internal.testing.DockerEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture takes a container only when asked, or when an engine answers that already holds redis:7; anything else
 * is a process, chosen without a word.
 */
class DockerProbeTest {

  @Test
  void asked_for_a_process_it_takes_one_asked_for_a_container_it_takes_one() {
    assertThat(DockerProbe.useContainers(Map.of("REDIS_FIXTURE", "process", "DOCKER_HOST", "unix:///var/run/x.sock")))
      .isFalse();
    assertThat(DockerProbe.useContainers(Map.of("REDIS_FIXTURE", "container"))).isTrue();
  }

  @Test
  void without_an_engine_that_answers_it_takes_a_process() throws IOException {
    assertThat(DockerProbe.useContainers(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"))).isFalse();
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(DockerProbe.useContainers(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closed))).isFalse();
    assertThat(DockerProbe.useContainers(Map.of("DOCKER_HOST", "ssh://user@somewhere"))).isFalse();
  }

  @Test
  void an_engine_without_the_redis_image_means_a_process() {
    Optional<String> engine = DockerEngine.find();
    assumeTrue(engine.isPresent(), "no Docker engine or podman answers here");
    assumeTrue(DockerEngine.status(engine.get(), "/images/" + DockerProbe.IMAGE + "/json") == 404,
      "this engine holds " + DockerProbe.IMAGE + ": the container path is the one taken");
    assertThat(DockerProbe.hasImage(Map.of("DOCKER_HOST", engine.get()), "courier-test-no-such-image:never"))
      .isFalse();
    assertThat(DockerProbe.useContainers(Map.of("DOCKER_HOST", engine.get()))).isFalse();
  }

  @Test
  void an_engine_that_holds_an_image_is_seen_to_hold_it() throws Exception {
    Optional<String> engine = DockerEngine.find();
    assumeTrue(engine.isPresent(), "no Docker engine or podman answers here");
    ProcessBuilder list = new ProcessBuilder("docker", "images", "--format", "{{.Repository}}:{{.Tag}}")
      .redirectErrorStream(true);
    list.environment().put("DOCKER_HOST", engine.get());
    Process images;
    try {
      images = list.start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no docker command here: " + e.getMessage());
      return;
    }
    String first = new String(images.getInputStream().readAllBytes()).lines()
      .filter(line -> !line.contains("<none>")).findFirst().orElse(null);
    images.waitFor(30, TimeUnit.SECONDS);
    assumeTrue(first != null, "the engine holds no tagged image");
    assertThat(DockerProbe.hasImage(Map.of("DOCKER_HOST", engine.get()), first)).as(first).isTrue();
  }

  @Test
  void beside_an_engine_without_the_redis_image_the_fixture_falls_back_quietly(@TempDir Path dir) throws Exception {
    Optional<String> engine = DockerEngine.find();
    assumeTrue(engine.isPresent(), "no Docker engine or podman answers here");
    assumeTrue(DockerEngine.status(engine.get(), "/images/" + DockerProbe.IMAGE + "/json") == 404,
      "this engine holds " + DockerProbe.IMAGE);
    ChildJvm child = ChildJvm.start(dir, RedisFixtureQuietTest.class, Map.of("DOCKER_HOST", engine.get()));
    assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = child.stdout() + child.stderr();
    assertThat(output).contains("started redis://127.0.0.1:").contains("ping=true").doesNotContain("ERROR")
      .doesNotContain("WARN").doesNotContain("testcontainers");
  }
}
