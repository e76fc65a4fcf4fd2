package dev.courier.internal.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.impl.AuthenticationHandlerInternal;

import java.util.List;

/**
 * What Courier gives the router for each bearer scheme: a handler that admits everyone, because
 * {@link dev.courier.internal.auth.OperationGuard}, next on the route, decides. The router cannot be left without one:
 * for an operation with several requirements it builds a {@code ChainAuthHandler} whatever {@code doSecurity} says,
 * and that chain fails every request when empty and only accepts handlers of this internal type.
 */
final class RouterSecuritySlot implements JWTAuthHandler, AuthenticationHandlerInternal {

  /** Not a caller: the guard binds the verified principal; nothing in Courier reads the routing context's user. */
  private static final User NOBODY = User.create(new JsonObject());

  @Override
  public void handle(RoutingContext ctx) {
    ctx.next();
  }

  @Override
  public Future<User> authenticate(RoutingContext ctx) {
    return Future.succeededFuture(NOBODY);
  }

  @Override
  public JWTAuthHandler scopeDelimiter(String delimiter) {
    return this;
  }

  @Override
  public JWTAuthHandler withScope(String scope) {
    return this;
  }

  @Override
  public JWTAuthHandler withScopes(List<String> scopes) {
    return this;
  }
}
