package dev.courier.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.courier.context.CallContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes the lines of busy loggers (the access log, one line per request; the task log, one per attempt) from its own
 * thread. The thread that logs
 * (an event loop) only captures the event with the {@link CallContext} it was logged in, and queues both; the
 * {@code courier-log-writer} thread formats them with {@link JsonLineLayout} and writes them to stdout in batches,
 * one write for many lines. Writing one line per request on the event loop was 13% of its time under load.
 *
 * <p>The queue is bounded. When it is full the line is dropped and counted, never waited for: an event loop must not
 * block because stdout is slow (a full disk, a stalled log shipper). The writer reports the count in one WARN line of
 * its own logger as soon as it catches up. Stopping (Logback's context stop, which {@code Main} does on shutdown)
 * writes every line still queued.
 */
public final class QueuedLineAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  static final int CAPACITY = 8192;
  private static final int BATCH = 512;
  private static final long IDLE_MILLIS = 20;
  private static final Logger LOG = LoggerFactory.getLogger(QueuedLineAppender.class);

  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final JsonLineLayout layout = new JsonLineLayout();
  private final Supplier<PrintStream> out;
  private volatile boolean running;
  private Thread writer;

  public QueuedLineAppender() {
    this(() -> System.out); // read per batch, like Logback's ConsoleAppender, so System.setOut is followed
  }

  QueuedLineAppender(Supplier<PrintStream> out) {
    this.out = out;
  }

  private record Pending(ILoggingEvent event, CallContext call) {
  }

  @Override
  public void start() {
    layout.setContext(getContext());
    layout.start();
    running = true;
    writer = new Thread(this::drain, "courier-log-writer");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing(); // formats the message now, while its arguments are as they were logged
    if (!queue.offer(new Pending(event, CallContext.find().orElse(null)))) {
      dropped.incrementAndGet();
    }
  }

  /** @return lines dropped because the queue was full, not reported yet (visible for tests) */
  long dropped() {
    return dropped.get();
  }

  /** @return lines waiting for the writer (visible for tests) */
  int queued() {
    return queue.size();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop(); // no new lines from here on
    running = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      try {
        queue.drainTo(batch, BATCH);
        if (batch.isEmpty()) {
          // on this appender's own thread, never an event loop. Polled, not waited on: a waiting consumer would make
          // every offer wake it, a futex call on the event loop per line (7% of its time); lines wait at most this
          // long instead
          Thread.sleep(IDLE_MILLIS);
          continue;
        }
        write(batch);
      } catch (InterruptedException e) {
        running = false;
      } catch (RuntimeException e) {
        addError("could not write " + batch.size() + " log lines", e);
      } finally {
        batch.clear();
      }
      reportDrops();
    }
  }

  private void write(List<Pending> batch) {
    StringBuilder lines = new StringBuilder(batch.size() * 256);
    for (Pending pending : batch) {
      lines.append(layout.format(pending.event, pending.call));
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    PrintStream stream = out.get();
    stream.write(bytes, 0, bytes.length); // one locked write: lines of other appenders never land inside these
    stream.flush();
  }

  private void reportDrops() {
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      LOG.atWarn().addKeyValue("dropped", lost).addKeyValue("capacity", CAPACITY)
        .log("log lines dropped: the log queue was full (stdout too slow for the load)");
    }
  }
}
