package dev.courier.internal.http;

import dev.courier.api.ApiException;
import dev.courier.api.ApiRequest;
import dev.courier.api.Reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (every dependency answers): a ready
 * answer lists each check as up and carries the sections that only report (e.g. {@code data}).
 */
final class HealthOperations {

  private static final int MAX_REASON = 600;

  private static final long PROBE_TIMEOUT_MS = 1000;

  private final List<ReadinessCheck> checks;

  HealthOperations(List<ReadinessCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  Future<Reply> live(ApiRequest request) {
    return Future.succeededFuture(Reply.ok(new JsonObject().put("status", "live")));
  }

  Future<Reply> ready(ApiRequest request) {
    List<ReadinessCheck> deciding = checks.stream().filter(c -> c.probe() != null).toList();
    List<Future<?>> probes = new ArrayList<>();
    deciding.forEach(check -> probes.add(check.probe().get().timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)));
    return Future.join(probes).transform(done -> {
      JsonObject up = new JsonObject();
      JsonArray down = new JsonArray();
      for (int i = 0; i < deciding.size(); i++) {
        Future<?> probe = probes.get(i);
        String name = deciding.get(i).name();
        if (probe.succeeded()) {
          up.put(name, "up");
        } else {
          down.add(new JsonObject().put("check", name).put("status", "down").put("reason", reason(probe.cause())));
        }
      }
      if (!down.isEmpty()) {
        String names = String.join(", ", down.stream().map(d -> ((JsonObject) d).getString("check")).toList());
        // "down", not "unreachable": a check may fail with its dependency up (the data check after a loss)
        return Future.failedFuture(ApiException.unavailable("not ready: " + names + " down", down));
      }
      JsonObject ready = new JsonObject().put("status", "ready").put("checks", up);
      checks.stream().filter(c -> c.detail() != null).forEach(c -> ready.put(c.name(), c.detail().get()));
      return Future.succeededFuture(Reply.ok(ready));
    });
  }

  /** A reason for people and probes: the failure's message, never an exception class name. */
  private static String reason(Throwable cause) {
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      return ErrorMapping.isDependencyDown(cause) ? "connection refused or closed" : "no answer";
    }
    // long enough for a whole data-loss report (what was lost, what to do); a bound all the same, on a public route
    return message.length() > MAX_REASON ? message.substring(0, MAX_REASON - 1) + "…" : message;
  }
}
