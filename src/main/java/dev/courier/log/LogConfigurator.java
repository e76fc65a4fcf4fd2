package dev.courier.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Logging set up in code: one JSON object per line on stdout ({@link JsonLineLayout}); {@code COURIER_LOG_LEVEL} sets
 * Courier's own level (default INFO). Found by Logback through META-INF/services; done in code rather than
 * logback.xml because parsing the XML cost most of a second of start-up. A {@code logback.xml} or
 * {@code -Dlogback.configurationFile} of the user's still wins, as Logback tries those first when present. The access
 * log ({@value #ACCESS_LOGGER}) and the task outcome lines ({@value #TASK_LOGGER}), one line per request and per
 * attempt, go to stdout through a {@link QueuedLineAppender}, off the event loop.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  private static final Map<String, Level> QUIET = Map.of("io.netty", Level.WARN, "io.vertx", Level.WARN,
    "org.testcontainers", Level.INFO, "com.github.dockerjava", Level.WARN,
    // networknt reads the whole contract as one schema document and warns about each OpenAPI field at its root
    "com.networknt", Level.ERROR);

  /** The access log's logger: written by {@link QueuedLineAppender} rather than the console appender. */
  public static final String ACCESS_LOGGER = "courier.access";
  /** The task lines' logger (one per finished attempt, and starts at DEBUG): written as the access log is. */
  public static final String TASK_LOGGER = "courier.tasks";
  private static final String ACCESS_APPENDER = "ACCESS";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(context);
    layout.start();
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
    // one line per request and per task attempt: formatted and written off the event loop, in batches
    QueuedLineAppender queued = new QueuedLineAppender();
    queued.setContext(context);
    queued.setName(ACCESS_APPENDER);
    queued.start();
    for (String busy : new String[] {ACCESS_LOGGER, TASK_LOGGER}) {
      ch.qos.logback.classic.Logger logger = context.getLogger(busy);
      logger.addAppender(queued);
      logger.setAdditive(false);
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    Level courier = Level.toLevel(System.getenv("COURIER_LOG_LEVEL"), Level.INFO);
    context.getLogger("dev.courier").setLevel(courier);
    context.getLogger("courier").setLevel(courier);
    QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    VertxGaugeRepeats repeats = new VertxGaugeRepeats();
    repeats.setContext(context);
    repeats.start();
    context.addTurboFilter(repeats);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Writes the access and task lines still queued and stops queueing (later ones are dropped): for the end of a
   * shutdown, when the server answers no more requests and the workers run no more tasks. Does nothing when the user's own Logback configuration is in use.
   */
  public static void writeQueuedLines() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
      && context.getLogger(ACCESS_LOGGER).getAppender(ACCESS_APPENDER) instanceof QueuedLineAppender queued) {
      queued.stop();
    }
  }
}
