package dev.courier.internal.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * HEAD wherever GET is (HTTP says a HEAD answers as GET would, without the body; Vert.x leaves the body out), and
 * the methods a path allows, for the {@code Allow} header a 405 must carry (RFC 9110, 15.5.6).
 */
final class AllowedMethods {

  private AllowedMethods() {
  }

  /** Lets every GET route of {@code router} answer HEAD too. */
  static void headWhereGet(Router router) {
    for (Route route : router.getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      if (methods != null && methods.contains(HttpMethod.GET) && !methods.contains(HttpMethod.HEAD)) {
        route.method(HttpMethod.HEAD);
      }
    }
  }

  /** @return for a request path, the {@code Allow} value the contract gives it ({@code null} when it has none). */
  static Function<String, String> of(OpenAPIContract contract) {
    return urlPath -> {
      Path path = contract.findPath(urlPath);
      if (path == null) {
        return null;
      }
      Set<String> methods = new TreeSet<>();
      for (Operation operation : path.getOperations()) {
        methods.add(operation.getHttpMethod().name());
        if (operation.getHttpMethod() == HttpMethod.GET) {
          methods.add(HttpMethod.HEAD.name());
        }
      }
      return methods.isEmpty() ? null : String.join(", ", methods);
    };
  }
}
