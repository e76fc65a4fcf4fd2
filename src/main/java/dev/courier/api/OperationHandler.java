package dev.courier.api;

import io.vertx.core.Future;

/**
 * User code for one operation of the contract, bound by its {@code operationId}. It runs on the event loop: return a
 * future, never block (hand slow work to a task or to {@code vertx.executeBlocking}). Fail with an
 * {@link ApiException} to choose the error status.
 */
@FunctionalInterface
public interface OperationHandler {

  Future<Reply> handle(ApiRequest request);
}
