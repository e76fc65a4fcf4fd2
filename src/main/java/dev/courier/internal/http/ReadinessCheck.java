package dev.courier.internal.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * One part of {@code /health/ready}: a dependency the node needs to serve, whose probe fails with the reason while it
 * is down; and/or a section of detail the ready answer carries under the check's name (e.g. {@code data}: the losses
 * of Redis data being reported), which tells but does not decide.
 *
 * @param probe  decides readiness; null for a section that only reports
 * @param detail the section shown in a ready answer; null for none
 */
public record ReadinessCheck(String name, Supplier<Future<?>> probe, Supplier<JsonObject> detail) {

  public ReadinessCheck(String name, Supplier<Future<?>> probe) {
    this(name, probe, null);
  }
}
