package dev.courier.internal.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One blocking RESP2 command to a Redis or sentinel on loopback, from the test thread: for driving a topology (no
 * Vert.x, so it works while the node under test is busy or its clients are failing over). Replies: bulk and simple
 * strings as String, integers as Long, arrays as List, errors as {@link IllegalStateException}.
 */
public final class Resp {

  private Resp() {
  }

  public static Object call(int port, String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("redis on port " + port + ": " + String.join(" ", args), e);
    }
  }

  /** @return the reply as text (null for a nil reply); arrays are rendered with {@code toString}. */
  public static String text(int port, String... args) {
    Object reply = call(port, args);
    return reply == null ? null : reply.toString();
  }

  /** @return whether a process answers PING on {@code port}. */
  public static boolean ping(int port) {
    try {
      return "PONG".equals(call(port, "PING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IllegalStateException(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] data = in.readNBytes(length + 2);
        return new String(data, 0, length, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        return items;
      }
      default:
        throw new IOException("unexpected RESP type " + (char) type + line);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }
}
