package dev.courier.internal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real server that can go silent without a reset, as a network partition that drops
 * packets, or a Redis host replaced behind the same address, looks to a client: its sockets stay open, the kernel
 * accepts what is written, and nothing ever comes back. Killing or stopping the server does not show this (the client
 * gets a reset, or its connects fail at once).
 *
 * <ul>
 *   <li>{@link #blackHole()}: every connection, open or new, goes silent: what either side sends is read and
 *   discarded. {@link #heal()} forwards again on the connections open before; those accepted meanwhile stay silent
 *   (their first bytes are gone).</li>
 *   <li>{@link #replaceHost()}: the connections open now stay silent for ever; new ones forward (the old host is gone,
 *   the new one answers).</li>
 * </ul>
 *
 * <p>Point a client at {@link #url()}. Plain threads, two per connection: for tests with a handful of connections.
 */
public final class BlackholeProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean blackHole;

  private BlackholeProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "blackhole-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy forwarding to {@code host:port}, forwarding until told otherwise. */
  public static BlackholeProxy to(String host, int port) {
    try {
      return new BlackholeProxy(host, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** @return {@code redis://127.0.0.1:<port>}, for a Redis behind this proxy */
  public String url() {
    return "redis://127.0.0.1:" + port();
  }

  /** Every connection, open or new, goes silent (no reset): bytes are read and discarded both ways. */
  public void blackHole() {
    blackHole = true;
  }

  /** Forwarding again on the connections open before the black hole; those accepted during it stay silent. */
  public void heal() {
    blackHole = false;
  }

  /** The connections open now go silent for ever; new connections forward, to the same server. */
  public void replaceHost() {
    links.forEach(link -> link.silent = true);
  }

  /** @return connections open now that forward nothing, and never will */
  public long silencedConnections() {
    return links.stream().filter(link -> link.silent && !link.closed).count();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    links.forEach(Link::close);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Link link = new Link(client);
        links.add(link);
        if (blackHole) {
          link.silent = true; // never connected onwards: what it sends first is already lost
          pump(link, client, null, "in");
        } else {
          Socket upstream = new Socket(targetHost, targetPort);
          link.upstream = upstream;
          pump(link, client, upstream, "in");
          pump(link, upstream, client, "out");
        }
      } catch (IOException e) {
        // the server socket closed, or the target refused: the client sees its connection close
      }
    }
  }

  /** Copies {@code from} to {@code to} while the link forwards; reads and drops while it is silent. */
  private void pump(Link link, Socket from, Socket to, String way) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to == null ? null : to.getOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (out != null && !link.silent && !blackHole) {
            out.write(buf, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        link.close();
      }
    }, "blackhole-proxy-" + way + "-" + from.getPort());
    t.setDaemon(true);
    t.start();
  }

  private static final class Link {
    private final Socket client;
    private volatile Socket upstream;
    private volatile boolean silent;
    private volatile boolean closed;

    Link(Socket client) {
      this.client = client;
    }

    void close() {
      closed = true;
      closeQuietly(client);
      closeQuietly(upstream);
    }

    private static void closeQuietly(Socket socket) {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }
}
