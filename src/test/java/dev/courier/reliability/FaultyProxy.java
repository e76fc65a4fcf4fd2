package dev.courier.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between nodes and their Redis that breaks the network the way networks break, without root
 * (in the spirit of Toxiproxy): nodes get {@link #url()} as {@code redis.url}. One plain java.nio selector thread of
 * the test JVM does all the work, so nothing here runs on a node's event loop. Modes, each applied at once to every
 * connection and to those accepted later:
 * <ul>
 *   <li>{@link #forward()} (and {@link #heal()}): bytes pass both ways;</li>
 *   <li>{@link #partition()}: nothing passes and nothing is reset; bytes wait, as TCP retransmits them through a
 *   partition, and flow again in order on {@link #heal()} (a new connection is accepted and waits too);</li>
 *   <li>{@link #blackhole()}: sockets stay open, bytes are read and dropped, nothing is forwarded, no RST. A connection
 *   that lost bytes never forwards again (resuming it would splice the halves of two commands, which no network
 *   does): after {@link #heal()} only new connections reach Redis;</li>
 *   <li>{@link #replaced()}: Redis moved to another host: every existing connection is black-holed for ever, new ones
 *   reach Redis;</li>
 *   <li>{@link #latency(long)}: every byte is delivered that many ms late, in each direction.</li>
 * </ul>
 */
public final class FaultyProxy implements AutoCloseable {

  private enum Mode { FORWARD, STALL, DROP }

  private final InetSocketAddress target;
  private final ServerSocketChannel server;
  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();
  private final List<Link> links = new ArrayList<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private Mode mode = Mode.FORWARD;
  private long latencyNanos;
  private volatile boolean open = true;

  private FaultyProxy(int redisPort) throws IOException {
    this.target = new InetSocketAddress("127.0.0.1", redisPort);
    this.selector = Selector.open();
    this.server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    this.thread = new Thread(this::loop, "faulty-proxy-" + port());
    thread.setDaemon(true);
  }

  /** A proxy on a free loopback port, forwarding to the Redis on {@code redisPort}. */
  public static FaultyProxy to(int redisPort) {
    try {
      FaultyProxy proxy = new FaultyProxy(redisPort);
      proxy.thread.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return ((InetSocketAddress) socketAddress()).getPort();
  }

  /** What the nodes under test get as {@code redis.url}. */
  public String url() {
    return "redis://127.0.0.1:" + port();
  }

  /** Connections accepted since the start. */
  public long accepted() {
    return accepted.get();
  }

  /** Bytes read and dropped by black-holed connections. */
  public long droppedBytes() {
    return dropped.get();
  }

  public void forward() {
    apply(() -> {
      mode = Mode.FORWARD;
      latencyNanos = 0;
      links.stream().filter(l -> !l.dead).forEach(l -> l.mode = Mode.FORWARD);
    });
  }

  /** Ends the fault: forwarding again, no latency; black-holed connections stay silent (see the class comment). */
  public void heal() {
    forward();
  }

  public void partition() {
    apply(() -> {
      mode = Mode.STALL;
      links.stream().filter(l -> !l.dead).forEach(l -> l.mode = Mode.STALL);
    });
  }

  public void blackhole() {
    apply(() -> {
      mode = Mode.DROP;
      links.forEach(this::bury);
    });
  }

  public void replaced() {
    apply(() -> {
      mode = Mode.FORWARD;
      links.forEach(this::bury);
    });
  }

  public void latency(long millis) {
    apply(() -> {
      mode = Mode.FORWARD;
      latencyNanos = TimeUnit.MILLISECONDS.toNanos(millis);
      links.stream().filter(l -> !l.dead).forEach(l -> l.mode = Mode.FORWARD);
    });
  }

  /** Runs {@code change} on the selector thread and returns once it is in force. */
  private void apply(Runnable change) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    changes.add(() -> {
      change.run();
      links.forEach(this::interest);
      done.complete(null);
    });
    selector.wakeup();
    done.orTimeout(10, TimeUnit.SECONDS).join();
  }

  private void bury(Link link) {
    link.mode = Mode.DROP;
    link.dead = true;
    link.up.out.clear();
    link.down.out.clear();
    if (link.upstream != null) {
      close(link.upstream); // Redis's side of a host that is gone; the node's side stays open and silent
      link.upstream = null;
    }
  }

  private void loop() {
    try {
      while (open) {
        long wait = nextDueMillis();
        if (wait < 0) {
          selector.select();
        } else if (wait == 0) {
          selector.selectNow();
        } else {
          selector.select(wait);
        }
        for (Runnable change; (change = changes.poll()) != null; ) {
          change.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.isValid() && key.isAcceptable()) {
            accept();
          } else if (key.isValid()) {
            ready(key);
          }
        }
        long now = System.nanoTime();
        for (Link link : new ArrayList<>(links)) {
          if (link.mode == Mode.FORWARD) {
            flush(link, link.up, link.upstream, now);
            flush(link, link.down, link.client, now);
          }
          interest(link);
        }
      }
    } catch (ClosedSelectorException e) {
      // closed
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept() throws IOException {
    SocketChannel client = server.accept();
    if (client == null) {
      return;
    }
    accepted.incrementAndGet();
    client.configureBlocking(false);
    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
    Link link = new Link(client, mode);
    link.clientKey = client.register(selector, 0, new End(link, true));
    if (mode == Mode.DROP) {
      link.dead = true; // the host is unreachable: nothing is ever connected behind it
    } else {
      SocketChannel upstream = SocketChannel.open();
      upstream.configureBlocking(false);
      upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
      upstream.connect(target);
      link.upstream = upstream;
      link.upstreamKey = upstream.register(selector, SelectionKey.OP_CONNECT, new End(link, false));
    }
    links.add(link);
    interest(link);
  }

  private void ready(SelectionKey key) {
    End end = (End) key.attachment();
    Link link = end.link;
    SocketChannel channel = (SocketChannel) key.channel();
    try {
      if (key.isConnectable()) {
        channel.finishConnect();
        link.connected = true;
      }
      if (key.isValid() && key.isReadable()) {
        readBuffer.clear();
        int n = channel.read(readBuffer);
        if (n < 0) {
          end(link);
          return;
        }
        if (link.mode == Mode.DROP) {
          dropped.addAndGet(n);
          return;
        }
        readBuffer.flip();
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(readBuffer).flip();
        (end.client ? link.up : link.down).out.add(new Chunk(copy, System.nanoTime() + latencyNanos));
      }
    } catch (IOException e) {
      end(link);
    }
  }

  private void flush(Link link, Pipe pipe, SocketChannel to, long now) {
    if (to == null || (to == link.upstream && !link.connected)) {
      return;
    }
    try {
      Chunk head;
      while ((head = pipe.out.peek()) != null && head.due <= now) {
        to.write(head.data);
        if (head.data.hasRemaining()) {
          return; // the socket is full: OP_WRITE brings us back
        }
        pipe.out.poll();
      }
    } catch (IOException e) {
      end(link);
    }
  }

  private void interest(Link link) {
    if (link.closed) {
      return;
    }
    long now = System.nanoTime();
    boolean reading = link.mode != Mode.STALL;
    boolean forwarding = link.mode == Mode.FORWARD;
    if (link.clientKey.isValid()) {
      link.clientKey.interestOps((reading ? SelectionKey.OP_READ : 0)
        | (forwarding && link.down.dueBy(now) ? SelectionKey.OP_WRITE : 0));
    }
    if (link.upstreamKey != null && link.upstreamKey.isValid()) {
      link.upstreamKey.interestOps(!link.connected ? SelectionKey.OP_CONNECT
        : (reading ? SelectionKey.OP_READ : 0) | (forwarding && link.up.dueBy(now) ? SelectionKey.OP_WRITE : 0));
    }
  }

  /**
   * ms until the next delayed chunk is due, or -1 when none waits. Called right after every due chunk was written, so
   * a due chunk still queued waits for its socket to drain (OP_WRITE) or connect (OP_CONNECT): not a reason to spin.
   */
  private long nextDueMillis() {
    long now = System.nanoTime();
    long next = Long.MAX_VALUE;
    for (Link link : links) {
      if (link.mode == Mode.FORWARD) {
        for (Pipe pipe : List.of(link.up, link.down)) {
          Chunk head = pipe.out.peek();
          if (head != null && head.due > now) {
            next = Math.min(next, head.due);
          }
        }
      }
    }
    if (next == Long.MAX_VALUE) {
      return -1;
    }
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime() + 999_999));
  }

  /** One side closed or failed: close both (a FIN, as the peer's would be). */
  private void end(Link link) {
    link.closed = true;
    close(link.client);
    if (link.upstream != null) {
      close(link.upstream);
    }
    links.remove(link);
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // going anyway
    }
  }

  private java.net.SocketAddress socketAddress() {
    try {
      return server.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    open = false;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    links.forEach(l -> {
      close(l.client);
      if (l.upstream != null) {
        close(l.upstream);
      }
    });
    try {
      server.close();
      selector.close();
    } catch (IOException ignored) {
      // going anyway
    }
  }

  private record Chunk(ByteBuffer data, long due) {
  }

  private record End(Link link, boolean client) {
  }

  private static final class Pipe {
    final ArrayDeque<Chunk> out = new ArrayDeque<>();

    boolean dueBy(long now) {
      Chunk head = out.peek();
      return head != null && head.due <= now;
    }
  }

  /** A node's connection and the one the proxy opened to Redis for it. */
  private static final class Link {
    final SocketChannel client;
    final Pipe up = new Pipe();
    final Pipe down = new Pipe();
    SocketChannel upstream;
    SelectionKey clientKey;
    SelectionKey upstreamKey;
    Mode mode;
    boolean connected;
    boolean dead;
    boolean closed;

    Link(SocketChannel client, Mode mode) {
      this.client = client;
      this.mode = mode;
    }
  }
}
