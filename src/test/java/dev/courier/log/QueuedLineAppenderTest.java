package dev.courier.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.context.Principal;
import dev.courier.context.CallContext;
import dev.courier.internal.testing.BoundCalls;
import dev.courier.internal.testing.Eventually;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access log's appender: lines carry the call they were logged in although another thread writes them, a full
 * queue drops and counts instead of blocking, and stopping writes what is queued.
 */
@Timeout(30)
class QueuedLineAppenderTest {

  // the node's own context: Logback needs its MDC adapter to prepare an event for another thread
  private final Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("courier.test.queued");
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static LoggingEvent event(Logger logger, String message, Object... args) {
    return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, args);
  }

  private QueuedLineAppender appender(OutputStream sink) {
    QueuedLineAppender appender = new QueuedLineAppender(() -> new PrintStream(sink, true, StandardCharsets.UTF_8));
    appender.setContext(logger.getLoggerContext());
    appender.start();
    return appender;
  }

  private List<String> lines() {
    synchronized (written) {
      return Arrays.stream(written.toString(StandardCharsets.UTF_8).split(System.lineSeparator()))
        .filter(line -> !line.isEmpty()).toList();
    }
  }

  @Test
  void a_line_carries_the_call_it_was_logged_in_and_its_arguments_as_they_were() {
    QueuedLineAppender appender = appender(written);
    Context request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    StringBuilder mutable = new StringBuilder("before");
    Promise<Void> logged = Promise.promise();
    request.runOnContext(v -> {
      BoundCalls.bind(request, new CallContext(new Principal("alice", Set.of(), new JsonObject()), "req-1", null, 0,
        null));
      LoggingEvent event = event(logger, "request {}", mutable);
      event.addKeyValuePair(new KeyValuePair("status", 202));
      appender.doAppend(event);
      mutable.setLength(0); // the argument changes after logging: the line keeps what was logged
      mutable.append("after");
      logged.complete();
    });
    logged.future().await();
    appender.stop();

    assertThat(lines()).hasSize(1);
    JsonObject line = new JsonObject(lines().get(0));
    assertThat(line.getString("msg")).isEqualTo("request before");
    assertThat(line.getString("request_id")).isEqualTo("req-1");
    assertThat(line.getString("subject")).isEqualTo("alice");
    assertThat(line.getInteger("status")).isEqualTo(202);
  }

  @Test
  void a_full_queue_drops_and_counts_without_blocking_then_reports_the_count() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    OutputStream stalled = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        try {
          release.await(); // stdout that does not take the bytes (a full pipe, a stalled shipper)
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        synchronized (written) {
          written.write(b, off, len);
        }
      }
    };
    Logger reports = (Logger) LoggerFactory.getLogger(QueuedLineAppender.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    reports.addAppender(warnings);
    try {
      QueuedLineAppender appender = appender(stalled);
      appender.doAppend(event(logger, "first"));
      Eventually.until(Duration.ofSeconds(5), () -> appender.queued() == 0); // the writer holds it, stuck on stdout
      for (int i = 0; i < QueuedLineAppender.CAPACITY + 5; i++) {
        appender.doAppend(event(logger, "line {}", i)); // returns although nothing can be written
      }
      assertThat(appender.queued()).isEqualTo(QueuedLineAppender.CAPACITY);
      assertThat(appender.dropped()).isEqualTo(5);

      release.countDown();
      appender.stop();
      assertThat(lines()).hasSize(1 + QueuedLineAppender.CAPACITY);
      assertThat(lines().get(lines().size() - 1)).contains("line " + (QueuedLineAppender.CAPACITY - 1));
      Eventually.until(Duration.ofSeconds(5), () -> !warnings.list.isEmpty());
      assertThat(warnings.list.get(0).getLevel()).isEqualTo(Level.WARN);
      assertThat(warnings.list.get(0).getKeyValuePairs()).anyMatch(p -> p.key.equals("dropped") && p.value.equals(5L));
    } finally {
      reports.detachAppender(warnings);
      release.countDown();
    }
  }

  @Test
  void stopping_writes_every_queued_line() {
    QueuedLineAppender appender = appender(written);
    for (int i = 0; i < 2000; i++) {
      appender.doAppend(event(logger, "line {}", i));
    }
    appender.stop();
    assertThat(lines()).hasSize(2000);
    appender.doAppend(event(logger, "after stop"));
    assertThat(lines()).hasSize(2000);
  }
}
