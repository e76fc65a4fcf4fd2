package dev.courier.testkit;

import dev.courier.internal.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Without a Docker engine, the fixture falls back to a process without Testcontainers' alarming ERROR. */
class RedisFixtureQuietTest {

  /** Starts a fixture and says which kind it got. */
  public static void main(String[] args) {
    try (RedisFixture redis = RedisFixture.start()) {
      System.out.println("started " + redis.url() + " ping=" + redis.ping());
    }
  }

  @Test
  void fallingBackToAProcessPrintsNoError(@TempDir Path dir) throws Exception {
    assumeFalse(DockerProbe.useContainers(), "a Docker engine answers here: the container path is the one taken");
    ChildJvm child = ChildJvm.start(dir, RedisFixtureQuietTest.class, Map.of());
    assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = child.stdout() + child.stderr();
    assertThat(output).contains("started redis://127.0.0.1:").contains("ping=true")
      .doesNotContain("ERROR").doesNotContain("Could not find a valid Docker environment");
  }
}
