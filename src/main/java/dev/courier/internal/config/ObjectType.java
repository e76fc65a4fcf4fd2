package dev.courier.internal.config;

import io.vertx.core.json.JsonObject;

/** A free-form JSON object passed through untouched (the {@code service} section); not overridable by env. */
final class ObjectType implements ValueType {

  @Override
  public String describe() {
    return "object";
  }

  @Override
  public Object fromJson(Object raw) {
    if (raw instanceof JsonObject) {
      return ((JsonObject) raw).copy();
    }
    throw new BadValue("must be a JSON object");
  }

  /** Never called: {@link #envOverridable()} is false, so the loader does not look for an env variable. */
  @Override
  public Object fromEnv(String raw) {
    throw new IllegalStateException("objects are not read from the environment");
  }

  @Override
  public boolean envOverridable() {
    return false;
  }
}
