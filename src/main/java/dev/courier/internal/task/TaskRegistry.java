package dev.courier.internal.task;

import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks a node knows, by wire name. Every node of a service registers the same beans (API nodes to check calls,
 * worker nodes to run them); a name a worker does not know sends the envelope to the dead set. A client, which runs
 * nothing, declares task classes or single methods instead: definitions without a bean.
 */
public final class TaskRegistry {

  private final Map<String, TaskDefinition> tasks = new ConcurrentHashMap<>();
  private final int defaultMaxAttempts;
  private final Duration defaultTimeout;

  public TaskRegistry(int defaultMaxAttempts, Duration defaultTimeout) {
    this.defaultMaxAttempts = defaultMaxAttempts;
    this.defaultTimeout = defaultTimeout;
  }

  /** Registers every {@link AsyncTask} method of {@code bean}; refuses uncarryable parameters and duplicate names. */
  public void register(Object bean) {
    add(bean.getClass(), bean);
  }

  /** Declares every {@link AsyncTask} method of {@code type} for firing only: a client knows them, it runs none. */
  public void declare(Class<?> type) {
    add(Objects.requireNonNull(type, "'type' cannot be null"), null);
  }

  /**
   * Declares the one task {@code method} (public, non-static, annotated) for firing only, unless it is already known.
   *
   * @return its definition
   * @throws TaskArgumentException if its parameters cannot be carried, or another method has the same task name
   */
  TaskDefinition declare(Method method) {
    String name = TaskDefinition.nameOf(method, method.getAnnotation(AsyncTask.class));
    TaskDefinition known = tasks.get(name);
    if (known == null) {
      TaskDefinition task = TaskDefinition.of(null, method, method.getAnnotation(AsyncTask.class), defaultMaxAttempts,
        defaultTimeout);
      known = tasks.putIfAbsent(name, task);
      if (known == null) {
        return task;
      }
    }
    return sameMethod(known, method);
  }

  private void add(Class<?> type, Object bean) {
    int found = 0;
    for (Method method : type.getMethods()) {
      AsyncTask annotation = method.getAnnotation(AsyncTask.class);
      if (annotation == null || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      TaskDefinition task = TaskDefinition.of(bean, method, annotation, defaultMaxAttempts, defaultTimeout);
      TaskDefinition known = tasks.putIfAbsent(task.name(), task);
      if (known != null) {
        if (bean != null) {
          throw TaskArgumentException.badDeclaration(task.name(), "is declared twice");
        }
        sameMethod(known, method); // declaring a class again, or after a call of one of its methods, is harmless
      }
      found++;
    }
    if (found == 0) {
      throw new IllegalArgumentException(type.getName() + " has no public @AsyncTask method");
    }
  }

  public Optional<TaskDefinition> find(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  /**
   * @return {@code known}, if it is the task of {@code method} (the same method, or one overriding the other)
   * @throws TaskArgumentException if another method took the task name
   */
  static TaskDefinition sameMethod(TaskDefinition known, Method method) {
    Method other = known.method();
    boolean related = other.getDeclaringClass().isAssignableFrom(method.getDeclaringClass())
      || method.getDeclaringClass().isAssignableFrom(other.getDeclaringClass());
    if (related && other.getName().equals(method.getName())
      && Arrays.equals(other.getParameterTypes(), method.getParameterTypes())) {
      return known;
    }
    throw TaskArgumentException.badDeclaration(known.name(), "is " + TaskMethods.describe(other) + ", not "
      + TaskMethods.describe(method) + "; a task name names one method");
  }

  /** @return every task known, registered or declared. */
  public List<TaskDefinition> definitions() {
    return List.copyOf(tasks.values());
  }

  /** @return the queues some registered task goes to. */
  public Set<String> queues() {
    Set<String> queues = new TreeSet<>();
    tasks.values().forEach(t -> queues.add(t.queue()));
    return queues;
  }
}
