package dev.courier.internal.http;

import io.vertx.core.Future;

/** One dependency the node needs to serve: a name and a probe that fails with the reason while it is down. */
public record ReadinessCheck(String name, java.util.function.Supplier<Future<?>> probe) {
}
