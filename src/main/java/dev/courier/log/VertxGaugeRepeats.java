package dev.courier.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Micrometer's warning that a Vert.x gauge was registered again. vertx-redis-client makes its client metrics
 * anew for each connection it opens, and vertx-micrometer registers their gauges each time, sharing one value per
 * gauge on purpose (its {@code LongGaugeBuilder}); Micrometer then warns once per process as soon as a pool opens its
 * second connection, at every node start. Any other double registration is still logged, and Courier's own meters
 * refuse one outright ({@code NodeMetrics}).
 */
final class VertxGaugeRepeats extends TurboFilter {

  private static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    return level == Level.WARN && format != null && LOGGER.equals(logger.getName())
      && format.startsWith("This Gauge has been already registered (MeterId{name='vertx.")
      ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
