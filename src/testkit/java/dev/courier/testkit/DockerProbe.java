package dev.courier.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether to hand Redis to Testcontainers: only when Testcontainers is on the classpath and a Docker engine
 * answers {@code GET /_ping} on a local socket (or {@code DOCKER_HOST} is set). Asking Testcontainers itself on a
 * machine without Docker prints an ERROR with a long explanation before the fallback, which reads like a failure.
 */
final class DockerProbe {

  private DockerProbe() {
  }

  static boolean useContainers() {
    if (!onClasspath("org.testcontainers.DockerClientFactory")) {
      return false;
    }
    String host = System.getenv("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return true; // a remote or custom engine: only Testcontainers knows how to reach it
    }
    return sockets().stream().anyMatch(DockerProbe::answersPing);
  }

  private static List<Path> sockets() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
      Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock")));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null) {
      candidates.add(Path.of(runtime, "docker.sock"));
    }
    return candidates.stream().filter(Files::exists).toList();
  }

  private static boolean answersPing(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer answer = ByteBuffer.allocate(64);
      channel.read(answer);
      return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).contains(" 200 ");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, DockerProbe.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
