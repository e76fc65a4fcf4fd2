package dev.courier.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * HTTP requests by operationId and status, with their latency: {@code courier_http_server_requests_seconds}. Labels
 * stay bounded: the operation is one of the contract's operationIds (or {@value #NONE}), never a raw path.
 */
public final class HttpMeters {

  /** The operation of a request that matched none, or failed before its route was found (404, 405, 413). */
  public static final String NONE = "none";
  static final String NAME = "courier.http.server.requests";
  private static final int LOWEST = 100;
  private static final int HIGHEST = 599;

  private final MeterRegistry registry;
  // per operation, one timer per status (an index from LOWEST): after the first request, a lookup and no allocation
  private final Map<String, Timer[]> byOperation = new ConcurrentHashMap<>();

  HttpMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one answered request; called on the event loop that served it. */
  public void record(String operation, int status, long nanos) {
    String op = operation == null ? NONE : operation;
    Timer[] timers = byOperation.get(op);
    if (timers == null) {
      timers = byOperation.computeIfAbsent(op, k -> new Timer[HIGHEST - LOWEST + 2]);
    }
    int index = status >= LOWEST && status <= HIGHEST ? status - LOWEST : timers.length - 1;
    Timer timer = timers[index];
    if (timer == null) {
      // two event loops may both get here: the registry answers the same timer for the same name and tags
      timer = Timer.builder(NAME).description("HTTP requests answered, by operationId and status")
        .tags("operation", op, "status", index == timers.length - 1 ? "other" : Integer.toString(status))
        .serviceLevelObjectives(Buckets.HTTP).register(registry);
      timers[index] = timer;
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
