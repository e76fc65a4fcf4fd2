package dev.courier.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** Container mode of {@link RedisFixture}: {@code redis:7} via Testcontainers (only used when Docker runs). */
final class ContainerRedis {

  private final GenericContainer<?> container;

  private ContainerRedis(GenericContainer<?> container) {
    this.container = container;
  }

  static ContainerRedis start() {
    GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
    c.start();
    return new ContainerRedis(c);
  }

  String host() {
    return container.getHost();
  }

  int port() {
    return container.getMappedPort(6379);
  }

  // Pause keeps the mapped port; connections hang instead of being refused, which is the best a container offers.
  void pause() {
    container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
  }

  void unpause() {
    container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
  }

  void close() {
    container.stop();
  }
}
