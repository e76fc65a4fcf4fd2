package dev.courier.internal.task;

import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;

import dev.courier.internal.config.QueueNames;
import io.vertx.core.Future;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.time.Duration;

/**
 * One registered task: its wire name, defaults, and the method (on its bean) that runs it.
 *
 * @param bean        the instance that runs it, or null for a task only declared (by a client, which runs none)
 * @param onEventLoop true when the method returns a {@code Future}: it runs on the event loop, else on a worker thread
 * @param result      the type of what it returns, stored with its status; {@code null} when it declares no result
 */
public record TaskDefinition(String name, String queue, Duration delay, int maxAttempts, Duration timeout,
                             Object bean, Method method, boolean onEventLoop, Type result) {

  static TaskDefinition of(Object bean, Method method, AsyncTask annotation, int defaultMaxAttempts,
                           Duration defaultTimeout) {
    String name = nameOf(method, annotation);
    for (Parameter parameter : method.getParameters()) {
      String why = CarryableTypes.whyNot(parameter.getParameterizedType());
      if (why != null) {
        throw TaskArgumentException.notCarryable(name, parameter.getName(), parameter.getParameterizedType(), why);
      }
    }
    if (annotation.delaySeconds() < 0 || annotation.maxAttempts() < 0 || annotation.timeoutSeconds() < 0) {
      throw TaskArgumentException.badDeclaration(name, "has a negative delaySeconds, maxAttempts or timeoutSeconds");
    }
    if (!QueueNames.isQueueName(annotation.queue())) {
      throw TaskArgumentException.badDeclaration(name, "names queue '" + annotation.queue()
        + "'; queue names are 1 to 64 letters, digits, '_', '.' or '-'");
    }
    Type result = ResultType.of(name, method);
    method.setAccessible(true);
    return new TaskDefinition(name, annotation.queue(), Duration.ofSeconds(annotation.delaySeconds()),
      annotation.maxAttempts() == 0 ? defaultMaxAttempts : annotation.maxAttempts(),
      annotation.timeoutSeconds() == 0 ? defaultTimeout : Duration.ofSeconds(annotation.timeoutSeconds()),
      bean, method, Future.class.isAssignableFrom(method.getReturnType()), result);
  }

  /** @return the task's wire name: the annotation's, else the method's */
  static String nameOf(Method method, AsyncTask annotation) {
    return annotation.name().isEmpty() ? method.getName() : annotation.name();
  }

  Type[] parameterTypes() {
    return method.getGenericParameterTypes();
  }

  String parameterName(int i) {
    return method.getParameters()[i].getName();
  }
}
