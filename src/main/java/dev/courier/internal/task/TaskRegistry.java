package dev.courier.internal.task;

import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks a node knows, by wire name. Every node of a service registers the same beans (API nodes to check calls,
 * worker nodes to run them); a name a worker does not know sends the envelope to the dead set.
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
    int found = 0;
    for (Method method : bean.getClass().getMethods()) {
      AsyncTask annotation = method.getAnnotation(AsyncTask.class);
      if (annotation == null || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      TaskDefinition task = TaskDefinition.of(bean, method, annotation, defaultMaxAttempts, defaultTimeout);
      if (tasks.putIfAbsent(task.name(), task) != null) {
        throw TaskArgumentException.badDeclaration(task.name(), "is declared twice");
      }
      found++;
    }
    if (found == 0) {
      throw new IllegalArgumentException(bean.getClass().getName() + " has no public @AsyncTask method");
    }
  }

  public Optional<TaskDefinition> find(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  TaskDefinition require(String name) {
    return find(name).orElseThrow(() -> TaskArgumentException.unknownTask(name));
  }

  /** @return the queues some registered task goes to. */
  public Set<String> queues() {
    Set<String> queues = new TreeSet<>();
    tasks.values().forEach(t -> queues.add(t.queue()));
    return queues;
  }
}
