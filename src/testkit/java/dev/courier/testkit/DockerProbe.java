package dev.courier.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether {@link RedisFixture} hands Redis to Testcontainers. Only when it is asked to
 * ({@code REDIS_FIXTURE=container}), or when Testcontainers is on the classpath and a Docker engine answers with the
 * {@value #IMAGE} image already there: an engine may run where no image registry is reachable, and a pull that
 * cannot succeed would fail every test that needs Redis. {@code REDIS_FIXTURE=process} always takes a process.
 * Asking Testcontainers itself on a machine without Docker prints an ERROR with a long explanation before the
 * fallback, which reads like a failure; this asks the engine's API directly and says nothing.
 */
final class DockerProbe {

  static final String IMAGE = "redis:7";
  static final String CHOICE = "REDIS_FIXTURE";

  private DockerProbe() {
  }

  static boolean useContainers() {
    return useContainers(System.getenv());
  }

  /** @throws IllegalStateException when containers are asked for and Testcontainers is not on the classpath */
  static boolean useContainers(Map<String, String> env) {
    String choice = env.getOrDefault(CHOICE, "");
    if (choice.equals("process")) {
      return false;
    }
    boolean testcontainers = onClasspath("org.testcontainers.DockerClientFactory");
    if (choice.equals("container")) {
      if (!testcontainers) {
        throw new IllegalStateException(CHOICE + "=container, but org.testcontainers:testcontainers is not on the "
          + "test classpath");
      }
      return true;
    }
    return testcontainers && hasImage(env, IMAGE);
  }

  /** Whether a Docker engine of {@code env} (DOCKER_HOST, else the usual sockets) answers and holds {@code image}. */
  static boolean hasImage(Map<String, String> env, String image) {
    String request = "GET /images/" + image + "/json HTTP/1.0\r\nHost: docker\r\n\r\n";
    String host = env.get("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return status(host, request) == 200; // the engine the environment names, and no other
    }
    return sockets(env).stream().anyMatch(socket -> status("unix://" + socket, request) == 200);
  }

  private static List<Path> sockets(Map<String, String> env) {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
      Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock")));
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null) {
      candidates.add(Path.of(runtime, "docker.sock"));
    }
    return candidates.stream().filter(Files::exists).toList();
  }

  /** @return the HTTP status the engine at {@code host} answers {@code request} with, or -1 if none answers */
  private static int status(String host, String request) {
    try {
      URI uri = URI.create(host);
      if ("unix".equals(uri.getScheme())) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
          channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
          return statusOf(Channels.newInputStream(channel));
        }
      }
      if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
          socket.setSoTimeout(2_000);
          OutputStream out = socket.getOutputStream();
          out.write(request.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return statusOf(socket.getInputStream());
        }
      }
      return -1; // ssh://, npipe://, tcp with TLS: only Testcontainers knows how to reach those
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** Reads the status code of an HTTP/1.x status line: "HTTP/1.0 200 OK". */
  private static int statusOf(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
      line.append((char) c);
    }
    String[] parts = line.toString().split(" ");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      return -1;
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
