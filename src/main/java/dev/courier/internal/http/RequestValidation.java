package dev.courier.internal.http;

import dev.courier.api.ApiException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;

import java.util.Locale;

import static io.vertx.core.Future.succeededFuture;
import static io.vertx.ext.web.openapi.router.RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST;

/**
 * Checks one operation's requests against the contract, on the event loop, before its handler runs. It replaces
 * vertx-openapi's per-route validation (switched off with {@code setDoValidation(false)}), which would send every
 * request through the shared worker pool: a slow blocking task body there once froze the whole API. Outcomes are
 * the router's: the validated request under {@code KEY_META_DATA_VALIDATED_REQUEST}, or a 400 {@link HttpException}
 * wrapping the {@link ValidatorException}, which {@link ErrorMapping} turns into the error shape.
 */
final class RequestValidation implements InputTrustHandler {

  private final OperationValidator validator;

  RequestValidation(OperationValidator validator) {
    this.validator = validator;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestMetrics.mark(ctx, validator.operation().getOperationId());
    if (!utf8BodyOk(ctx)) {
      ctx.fail(ApiException.badRequest("the body is not valid UTF-8"));
      return;
    }
    // The BodyHandler already read the body, so extraction completes at once
    RequestUtils.extract(ctx.request(), validator.operation(), () -> succeededFuture(ctx.body().buffer()))
      .onComplete(extracted -> {
        if (extracted.failed()) {
          fail(ctx, extracted.cause());
          return;
        }
        ValidatedRequest validated;
        try {
          validated = validator.validate(extracted.result());
        } catch (RuntimeException e) {
          fail(ctx, e);
          return;
        }
        ctx.put(KEY_META_DATA_VALIDATED_REQUEST, validated);
        ctx.next();
      });
  }

  /** A body that says no charset, or UTF-8, must be strict UTF-8 ({@link Utf8}); others are the parser's to read. */
  private static boolean utf8BodyOk(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return true;
    }
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    boolean utf8 = !lower.contains("charset=") || lower.contains("charset=utf-8") || lower.contains("charset=\"utf-8");
    return !utf8 || Utf8.wellFormed(body);
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    ctx.fail(failure instanceof ValidatorException ? new HttpException(400, failure.getMessage(), failure) : failure);
  }
}
