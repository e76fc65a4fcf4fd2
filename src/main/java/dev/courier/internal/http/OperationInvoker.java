package dev.courier.internal.http;

import dev.courier.api.ApiRequest;
import dev.courier.api.OperationHandler;
import dev.courier.api.Reply;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Runs one operation's user handler and sends its reply; a throw or failed future goes to the error responder. */
final class OperationInvoker implements Handler<RoutingContext> {

  private final String operationId;
  private final OperationHandler handler;
  private final ReplyWriter writer;

  OperationInvoker(String operationId, OperationHandler handler, ReplyWriter writer) {
    this.operationId = operationId;
    this.handler = handler;
    this.writer = writer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestTrace.operation(ctx, operationId);
    Future<Reply> reply;
    try {
      reply = handler.handle(new RoutedRequest(ctx, operationId));
      if (reply == null) {
        throw new IllegalStateException("handler of '" + operationId + "' returned null");
      }
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    reply.compose(r -> writer.write(ctx, operationId, r)).onFailure(ctx::fail);
  }
}
