package dev.courier.internal.testing;

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
import java.util.Optional;

/**
 * The Docker engine (or podman's Docker-compatible service) a test can use: {@code DOCKER_HOST} when set, else the
 * usual sockets, kept only if it answers {@code GET /_ping}. Tests pass its address to the {@code docker} and
 * {@code docker-compose} commands as {@code DOCKER_HOST}.
 */
public final class DockerEngine {

  private DockerEngine() {
  }

  /** @return the address of an engine that answers, as DOCKER_HOST spells it, or empty */
  public static Optional<String> find() {
    String host = System.getenv("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return answers(host) ? Optional.of(host) : Optional.empty();
    }
    List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock")));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null) {
      sockets.add(Path.of(runtime, "docker.sock"));
      sockets.add(Path.of(runtime, "podman", "podman.sock"));
    }
    return sockets.stream().filter(Files::exists).map(s -> "unix://" + s).filter(DockerEngine::answers).findFirst();
  }

  /** Whether the engine at {@code host} answers {@code GET /_ping} with 200. */
  public static boolean answers(String host) {
    return status(host, "/_ping") == 200;
  }

  /** @return the HTTP status of {@code GET path} on the engine at {@code host}, or -1 if nothing answers */
  public static int status(String host, String path) {
    byte[] request = ("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    try {
      URI uri = URI.create(host);
      if ("unix".equals(uri.getScheme())) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
          channel.write(ByteBuffer.wrap(request));
          return statusOf(Channels.newInputStream(channel));
        }
      }
      if ("tcp".equals(uri.getScheme())) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
          socket.setSoTimeout(2_000);
          OutputStream out = socket.getOutputStream();
          out.write(request);
          out.flush();
          return statusOf(socket.getInputStream());
        }
      }
      return -1;
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
  }

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
}
