package dev.courier.internal.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.util.List;

/**
 * The bearer handler, run first on every secured operation's route: it names the operation for
 * {@link RequestMetrics} before the token is checked, so a 401 or 403 is counted under its operation too.
 */
final class MarkingBearer implements JWTAuthHandler {

  private final JWTAuthHandler bearer;

  MarkingBearer(JWTAuthHandler bearer) {
    this.bearer = bearer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestMetrics.markFromRoute(ctx);
    bearer.handle(ctx);
  }

  @Override
  public JWTAuthHandler scopeDelimiter(String delimiter) {
    bearer.scopeDelimiter(delimiter);
    return this;
  }

  @Override
  public JWTAuthHandler withScope(String scope) {
    bearer.withScope(scope);
    return this;
  }

  @Override
  public JWTAuthHandler withScopes(List<String> scopes) {
    bearer.withScopes(scopes);
    return this;
  }
}
