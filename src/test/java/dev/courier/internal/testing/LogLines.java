package dev.courier.internal.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.courier.log.JsonLineLayout;
import dev.courier.log.LogConfigurator;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Captures the JSON lines Courier writes, as {@link JsonLineLayout} renders them at the moment each is logged (so with
 * the call context of the thread that logged it), from the root logger and from the access and task loggers, which
 * Courier's log set-up keeps apart. Close it to detach.
 */
public final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static final String[] LOGGERS = {org.slf4j.Logger.ROOT_LOGGER_NAME, LogConfigurator.ACCESS_LOGGER,
    LogConfigurator.TASK_LOGGER};

  private final JsonLineLayout layout = new JsonLineLayout();
  private final List<JsonObject> lines = new ArrayList<>();
  private final Set<ILoggingEvent> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private LogLines() {
  }

  /** Starts capturing every line logged from now on. */
  public static LogLines capture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogLines capture = new LogLines();
    capture.setContext(context);
    capture.layout.setContext(context);
    capture.layout.start();
    capture.start();
    for (String name : LOGGERS) {
      context.getLogger(name).addAppender(capture);
    }
    return capture;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    if (seen.add(event)) { // an additive logger would hand the same event to the root too
      lines.add(new JsonObject(layout.doLayout(event)));
    }
  }

  /** @return the lines captured so far that {@code filter} accepts, in the order they were logged. */
  public synchronized List<JsonObject> where(Predicate<JsonObject> filter) {
    return lines.stream().filter(filter).map(JsonObject::copy).toList();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) getContext();
    for (String name : LOGGERS) {
      Logger logger = context.getLogger(name);
      logger.detachAppender(this);
    }
    stop();
  }
}
