package dev.courier.internal.task;

import dev.courier.task.TaskArgumentException;
import io.vertx.core.Future;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * What a task method declares it returns: nothing ({@code void}, {@code Void}, {@code Future<Void>}) or a result
 * stored with its status ({@code R} or {@code Future<R>}). A result type that JSON cannot bring back as declared is
 * refused at registration, under the same rules as parameters, rather than when a first attempt succeeds.
 */
final class ResultType {

  private ResultType() {
  }

  /** @return the declared result type, or {@code null} when the method declares none */
  static Type of(String task, Method method) {
    Type returned = method.getGenericReturnType();
    Type declared = returned;
    if (Future.class.isAssignableFrom(method.getReturnType())) {
      if (!(returned instanceof ParameterizedType p) || p.getRawType() != Future.class) {
        throw TaskArgumentException.badDeclaration(task, "returns " + returned.getTypeName()
          + ": declare Future<Void> for no result, or Future<R> with the type R of its result");
      }
      declared = p.getActualTypeArguments()[0];
    }
    if (declared == void.class || declared == Void.class) {
      return null;
    }
    String why = CarryableTypes.whyNot(declared);
    if (why != null) {
      throw TaskArgumentException.badDeclaration(task, "returns " + returned.getTypeName() + ", which cannot be "
        + "stored as its result (" + why + "; declare no result, or JSON-native values, lists, maps, JsonObject/"
        + "JsonArray or records of those)");
    }
    return declared;
  }
}
