package dev.courier.internal.http;

import dev.courier.api.Reply;

import dev.courier.api.ModelMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatorException;

/** Writes a {@link Reply}: models through the one JSON mapping, checked against the contract when asked to. */
final class ReplyWriter {

  private final ResponseCheck check;

  /** @param check the contract's response check, or null to send unchecked */
  ReplyWriter(ResponseCheck check) {
    this.check = check;
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
    if (check != null) {
      try {
        check.check(operationId, reply.status(), body);
      } catch (ValidatorException e) {
        return Future.failedFuture(e);
      }
    }
    return response.setStatusCode(reply.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }
}
