package dev.courier.internal.http;

import dev.courier.api.ApiException;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * The single translation boundary from failures to HTTP: every error response, routed or not, leaves here in one
 * JSON shape {@code {status, error, message, request_id, details}}. Stack traces go to the log only: an unexpected
 * failure (a 500) is one ERROR line with its request id, trace id and stack trace.
 */
public final class ErrorResponder {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
  private static final OutageLines OUTAGES = new OutageLines(LOG);

  private ErrorResponder() {
  }

  /**
   * Makes this the failure handler of every route of {@code router} and its handler of unrouted errors;
   * {@code allowed} gives a path's {@code Allow} value for a 405 (null when unknown). The router hands a 405 to the
   * failure handler of a route that matched the path (ours matches all), so both places add the header.
   */
  static void installOn(Router router, Function<String, String> allowed) {
    Handler<RoutingContext> handler = ctx -> {
      if (ctx.statusCode() == 405 && !ctx.response().closed()) {
        String allow = allowed.apply(ctx.request().path());
        if (allow != null) {
          ctx.response().putHeader(HttpHeaders.ALLOW, allow);
        }
      }
      handle(ctx);
    };
    router.route().failureHandler(handler);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, handler);
    }
  }

  private static final String RETRY_AFTER_SECONDS = "1";

  /** Failure handler and router error handler. */
  public static void handle(RoutingContext ctx) {
    if (ctx.response().closed()) {
      // the client hung up before its answer (a closed-channel failure, or a load generator stopping): nobody to
      // answer, and neither our bug nor a dependency's outage
      LOG.debug("client closed the connection before the answer: {}", String.valueOf(ctx.failure()));
      return;
    }
    ApiException error = ErrorMapping.of(ctx.failure(), ctx.statusCode());
    if (ErrorMapping.isUnexpected(ctx.failure(), error)) {
      // named here too, not only through the request's context: this line is how a 5xx's request_id is found
      LOG.atError().addKeyValue("request_id", RequestIds.of(ctx)).addKeyValue("trace_id", RequestTrace.traceId(ctx))
        .addKeyValue("method", ctx.request().method().name()).addKeyValue("path", ctx.request().path())
        .addKeyValue("status", error.status()).setCause(ctx.failure())
        .log("request failed: {}", String.valueOf(ctx.failure()));
    } else if (error.status() == 503 && !(ctx.failure() instanceof ApiException)) {
      OUTAGES.warn(error.code().equals("unavailable") ? "request failed, a dependency is down: {}"
        : "request answered 503 " + error.code() + ": {}", String.valueOf(ctx.failure()), System.currentTimeMillis());
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    send(ctx, error);
  }

  /** Answers {@code error} in the one shape; also used for answers that are errors by design (readiness 503). */
  public static void send(RoutingContext ctx, ApiException error) {
    String requestId = RequestIds.of(ctx);
    JsonObject body = new JsonObject()
      .put("status", error.status())
      .put("error", error.code())
      .put("message", error.getMessage())
      .put("request_id", requestId)
      .put("details", error.details());
    HttpServerResponse response = ctx.response().setStatusCode(error.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .putHeader(RequestIds.HEADER, requestId);
    if (error.status() == 503) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS); // an outage is usually short: Redis restarts, fails over
    }
    if (error.status() == 401) {
      boolean hadToken = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
      response.putHeader("WWW-Authenticate", hadToken ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
    response.end(body.toBuffer());
  }
}
