package dev.courier.internal.task;

import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;

import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Finds the method a method reference such as {@code EmailTasks::sendEmail} names, once per reference class. The
 * {@code TaskMethod} shapes are {@code Serializable}, so the compiler gives each reference a {@code writeReplace} that
 * answers a {@link SerializedLambda}: the method's class, name and descriptor. Anything that is not an unbound
 * reference to a public {@link AsyncTask} instance method is refused, naming what was given.
 */
final class TaskMethods {

  private static final String HOW =
    "call(...) takes a method reference to an @AsyncTask method, like EmailTasks::sendEmail";

  // one slot per reference class (each call site has its own), filled on first use; unloaded with the class
  private static final ClassValue<AtomicReference<Method>> RESOLVED = new ClassValue<>() {
    @Override
    protected AtomicReference<Method> computeValue(Class<?> type) {
      return new AtomicReference<>();
    }
  };

  private TaskMethods() {
  }

  /** @throws TaskArgumentException if {@code reference} is not an unbound reference to an @AsyncTask method */
  static Method of(Serializable reference) {
    Objects.requireNonNull(reference, "'method' cannot be null");
    AtomicReference<Method> slot = RESOLVED.get(reference.getClass());
    Method method = slot.get();
    if (method == null) {
      method = resolve(reference);
      slot.set(method);
    }
    return method;
  }

  /** @return how a reference to {@code method} is written: {@code EmailTasks::sendEmail} */
  static String written(Method method) {
    return method.getDeclaringClass().getSimpleName() + "::" + method.getName();
  }

  /** @return {@code EmailTasks.sendEmail(String, String, String)}, for messages */
  static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName() + Arrays.stream(
      method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
  }

  private static Method resolve(Serializable reference) {
    SerializedLambda lambda = serialized(reference);
    Method method = find(lambda, reference.getClass().getClassLoader());
    if (method.isSynthetic()) {
      throw TaskArgumentException.notATask("a lambda", HOW);
    }
    if (lambda.getCapturedArgCount() > 0) {
      throw TaskArgumentException.notATask(describe(method), "the reference is bound to an instance; write "
        + written(method) + " (the worker runs it on its own registered bean)");
    }
    if (Modifier.isStatic(method.getModifiers())) {
      throw TaskArgumentException.notATask(describe(method), "it is static; a task is an instance method of its bean");
    }
    if (!Modifier.isPublic(method.getModifiers())) {
      throw TaskArgumentException.notATask(describe(method), "it is not public");
    }
    if (method.getAnnotation(AsyncTask.class) == null) {
      throw TaskArgumentException.notATask(describe(method), "it has no @AsyncTask annotation");
    }
    return method;
  }

  private static SerializedLambda serialized(Serializable reference) {
    try {
      Method writeReplace = reference.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      if (writeReplace.invoke(reference) instanceof SerializedLambda lambda) {
        return lambda;
      }
    } catch (ReflectiveOperationException | RuntimeException notALambda) {
      // falls through: a class of the user's implementing the shape, not a method reference
    }
    throw TaskArgumentException.notATask(reference.getClass().getName(), HOW);
  }

  private static Method find(SerializedLambda lambda, ClassLoader loader) {
    String owner = lambda.getImplClass().replace('/', '.');
    try {
      for (Method method : Class.forName(owner, false, loader).getDeclaredMethods()) {
        if (method.getName().equals(lambda.getImplMethodName()) && MethodType.methodType(method.getReturnType(),
          method.getParameterTypes()).toMethodDescriptorString().equals(lambda.getImplMethodSignature())) {
          return method;
        }
      }
    } catch (ClassNotFoundException e) {
      // reported below, as for a method that is not there
    }
    throw TaskArgumentException.notATask(owner + "." + lambda.getImplMethodName(), "the method cannot be found");
  }
}
