package dev.courier.internal.task;

import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the definition a call names. On a node only registered beans count, and a call obtained during the service's
 * {@code setup} is checked when the set-up ends: its bean may be registered after it, but a name no bean declares
 * stops the node. A client has no beans: it knows the classes it declared, and a method's {@link AsyncTask} is
 * enough for a typed call.
 */
final class TaskLookup {

  private static final String ON_A_NODE = "register the bean that declares it with setup.tasks(bean)";
  private static final String ON_A_CLIENT = "declare the class that has it with client.declare(TheTasks.class),"
    + " or fire it by method reference";

  private final TaskRegistry registry;
  private final boolean annotationIsEnough;
  private volatile List<TaskRef> duringSetup;

  private TaskLookup(TaskRegistry registry, boolean annotationIsEnough, List<TaskRef> duringSetup) {
    this.registry = registry;
    this.annotationIsEnough = annotationIsEnough;
    this.duringSetup = duringSetup;
  }

  /** A node's lookup, in its set-up phase until {@link #endSetup()}. */
  static TaskLookup forNode(TaskRegistry registry) {
    return new TaskLookup(registry, false, new ArrayList<>());
  }

  static TaskLookup forClient(TaskRegistry registry) {
    return new TaskLookup(registry, true, null);
  }

  TaskRef byName(String name) {
    return checked(new TaskRef(name, "task(\"" + name + "\")", () -> registry.find(name)
      .orElseThrow(() -> TaskArgumentException.unknownTask(name, annotationIsEnough ? ON_A_CLIENT : ON_A_NODE))));
  }

  /** @throws TaskArgumentException at once if {@code reference} is not a reference to an @AsyncTask method */
  TaskRef byMethod(Serializable reference) {
    Method method = TaskMethods.of(reference);
    String name = TaskDefinition.nameOf(method, method.getAnnotation(AsyncTask.class));
    return checked(new TaskRef(name, TaskMethods.written(method), () -> {
      if (annotationIsEnough) {
        return registry.declare(method);
      }
      return TaskRegistry.sameMethod(registry.find(name).orElseThrow(() -> TaskArgumentException.unknownTask(name,
        "register an instance of " + method.getDeclaringClass().getSimpleName() + " with setup.tasks(bean)")),
        method);
    }));
  }

  /**
   * Ends the set-up phase: every call obtained during it must now name a registered task.
   *
   * @throws IllegalStateException naming every call that does not, in one line
   */
  synchronized void endSetup() {
    if (duringSetup == null) {
      return; // a client, or set-up already over
    }
    List<String> problems = new ArrayList<>();
    for (TaskRef ref : duringSetup) {
      try {
        ref.definition();
      } catch (TaskArgumentException e) {
        problems.add(ref.written() + ": " + e.getMessage());
      }
    }
    duringSetup = null;
    if (!problems.isEmpty()) {
      throw new IllegalStateException("setup asks for tasks it cannot fire: " + String.join("; ", problems));
    }
  }

  private TaskRef checked(TaskRef ref) {
    if (duringSetup != null) {
      synchronized (this) {
        if (duringSetup != null) {
          duringSetup.add(ref);
          return ref;
        }
      }
    }
    ref.definition(); // after set-up, a call of an unknown task fails where it is written
    return ref;
  }
}
