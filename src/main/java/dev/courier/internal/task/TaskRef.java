package dev.courier.internal.task;

import java.util.function.Supplier;

/**
 * What a call names: a task's wire name, and how to find its definition. A call obtained while a node's service is
 * still being set up is resolved when the set-up ends (its bean may be registered later in {@code setup}); any other
 * is resolved at once.
 */
final class TaskRef {

  private final String name;
  private final String written;
  private final Supplier<TaskDefinition> resolver;
  private volatile TaskDefinition definition;

  /**
   * @param written how the call was written, for messages: {@code task("sendEmail")} or {@code EmailTasks::sendEmail}
   */
  TaskRef(String name, String written, Supplier<TaskDefinition> resolver) {
    this.name = name;
    this.written = written;
    this.resolver = resolver;
  }

  String name() {
    return name;
  }

  String written() {
    return written;
  }

  /** @throws dev.courier.task.TaskArgumentException if no definition can be found for it */
  TaskDefinition definition() {
    TaskDefinition found = definition;
    if (found == null) {
      found = resolver.get();
      definition = found;
    }
    return found;
  }
}
