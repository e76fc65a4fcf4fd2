package dev.courier.internal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process holds, read from Linux's {@code /proc}: its file descriptors name socket inodes, and
 * {@code /proc/<pid>/net/tcp} and {@code tcp6} give each inode's state and ports.
 */
public final class ProcSockets {

  /** @param state the kernel's state code, e.g. {@code 0A} (listening) or {@code 01} (established) */
  public record TcpSocket(String state, int localPort, int remotePort) {

    public boolean listening() {
      return state.equals("0A");
    }
  }

  private ProcSockets() {
  }

  public static List<TcpSocket> of(long pid) {
    Set<String> inodes = socketInodes(pid);
    List<TcpSocket> sockets = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = lines(Path.of("/proc", String.valueOf(pid), "net", table));
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && inodes.contains(f[9])) {
          sockets.add(new TcpSocket(f[3], port(f[1]), port(f[2])));
        }
      }
    }
    return sockets;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (NoSuchFileException closedMeanwhile) {
          // the descriptor was closed while we listed them
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inodes;
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
