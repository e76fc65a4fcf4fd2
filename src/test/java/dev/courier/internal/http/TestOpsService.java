package dev.courier.internal.http;

import dev.courier.api.Reply;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A service over test-ops.yaml: a role-protected operation, one that throws, one that breaks its contract. */
final class TestOpsService implements CourierService {

  static final String SECRET_DETAIL = "db password is hunter2";

  @Override
  public String contract() {
    return "openapi/test-ops.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    setup
      .operation("adminStats", request -> Future.succeededFuture(Reply.ok(new JsonObject().put("users", 3))))
      .operation("boom", request -> {
        throw new IllegalStateException(SECRET_DETAIL);
      })
      .operation("liar", request -> Future.succeededFuture(Reply.ok(new JsonObject().put("count", "three"))));
  }
}
