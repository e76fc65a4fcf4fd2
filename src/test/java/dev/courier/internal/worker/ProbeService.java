package dev.courier.internal.worker;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A service over test-ops.yaml (trivial handlers) that serves the framework routes and registers task beans. */
final class ProbeService implements CourierService {

  private final Object[] beans;

  ProbeService(Object... beans) {
    this.beans = beans;
  }

  @Override
  public String contract() {
    return "openapi/test-ops.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    setup
      .operation("adminStats", request -> Future.succeededFuture(Reply.ok(new JsonObject().put("users", 0))))
      .operation("boom", request -> Future.succeededFuture(Reply.ok(new JsonObject())))
      .operation("liar", request -> Future.succeededFuture(Reply.ok(new JsonObject())));
    for (Object bean : beans) {
      setup.tasks(bean);
    }
  }
}
