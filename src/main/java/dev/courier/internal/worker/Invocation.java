package dev.courier.internal.worker;

import io.vertx.core.Future;

/**
 * One attempt's body in progress.
 *
 * @param outcome  the attempt's result: the body's value or failure, or a timeout; decided once, a later result of
 *                 the body is ignored (and logged)
 * @param released completes when the body no longer holds a thread (blocking bodies may outlive their timeout); the
 *                 node's slot is given back only then, so stuck bodies cannot pile up. {@code null} for a body on an
 *                 event loop, which holds no thread: its outcome is the end of it
 * @param cancel   stops a body that has not started yet (a stopping node); true when it will never start
 */
record Invocation(Future<Object> outcome, Future<Void> released, java.util.function.BooleanSupplier cancel) {
}
