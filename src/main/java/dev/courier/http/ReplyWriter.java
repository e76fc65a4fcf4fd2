package dev.courier.http;

import dev.courier.json.ModelMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;

/** Writes a {@link Reply}: models through the one JSON mapping, checked against the contract when asked to. */
final class ReplyWriter {

  private final ResponseValidator validator;

  /** @param validator the contract's response validator, or null to send unchecked */
  ReplyWriter(ResponseValidator validator) {
    this.validator = validator;
  }

  Future<Void> write(RoutingContext ctx, String operationId, Reply reply) {
    HttpServerResponse response = ctx.response();
    reply.headers().forEach(response::putHeader);
    if (!reply.isJson()) {
      response.setStatusCode(reply.status());
      if (reply.raw() == null) {
        return response.end();
      }
      return response.putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType()).end(reply.raw());
    }
    Buffer body = ModelMapper.toBuffer(reply.model());
    if (validator == null) {
      return response.setStatusCode(reply.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
    return validator.validate(ValidatableResponse.create(reply.status(), body, "application/json"), operationId)
      .compose(valid -> valid.send(response));
  }
}
