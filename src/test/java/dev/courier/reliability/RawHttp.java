package dev.courier.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One raw exchange over a plain socket, for inputs no HTTP client would send (conflicting framing headers, floods,
 * invalid bytes). Reads until the server closes or {@code timeoutMs} passes without a byte.
 */
public final class RawHttp {

  /** What came back: the first status ({@link #CLOSED} if the server closed without one, {@link #SILENT} if it said
   * nothing in time), how many responses (a second one means a smuggled request was served), and the text. */
  public record Answer(int status, int responses, String text) {
    public boolean serverError() {
      return status >= 500;
    }
  }

  public static final int CLOSED = -1;
  public static final int SILENT = -2;
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})");

  private RawHttp() {
  }

  public static Answer exchange(int port, byte[] request, int timeoutMs) {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean silent = false;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(timeoutMs);
      try {
        OutputStream out = socket.getOutputStream();
        for (int from = 0; from < request.length; from += 65_536) {
          out.write(request, from, Math.min(65_536, request.length - from));
        }
        out.flush();
      } catch (IOException refusedMidway) {
        // the server may answer (413, 431) and close before it read everything: read what it said
      }
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          received.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        silent = received.size() == 0;
      } catch (IOException reset) {
        // reset after the answer: keep what came
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach 127.0.0.1:" + port, e);
    }
    String text = received.toString(StandardCharsets.ISO_8859_1);
    Matcher m = STATUS.matcher(text);
    int responses = 0;
    int status = silent ? SILENT : CLOSED;
    while (m.find()) {
      if (responses++ == 0) {
        status = Integer.parseInt(m.group(1));
      }
    }
    return new Answer(status, responses, text);
  }

  /** {@code head} (CRLF line ends are added) + a blank line + {@code body}, as bytes. */
  public static byte[] request(String head, byte[] body) {
    byte[] h = (head.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}
