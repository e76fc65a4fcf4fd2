package dev.courier.internal.worker;

import dev.courier.api.ModelMapper;
import dev.courier.internal.task.Envelope;
import dev.courier.task.NoRetry;
import dev.courier.internal.task.TaskDefinition;

import java.lang.reflect.Type;

/**
 * Turns an envelope's JSON arguments into the values a task method takes. A value that already is what the parameter
 * takes (a String for a String, an Integer for an int, ...) is passed as it is; anything else goes through
 * {@link ModelMapper}, the service's one JSON mapping. The shortcut matters: on a worker, Jackson's conversion of
 * plain values was a large part of the time and of a fresh JVM's compile work, for no change in the result.
 */
final class TaskArguments {

  private static final Object NO_SHORTCUT = new Object();

  private TaskArguments() {
  }

  /** @return the decoded arguments; throws {@link NoRetry} if they no longer fit the method. */
  static Object[] decode(TaskDefinition task, Envelope envelope) {
    Type[] types = task.method().getGenericParameterTypes();
    if (envelope.args().size() != types.length) {
      throw new NoRetry("task '" + task.name() + "' takes " + types.length + " argument(s), the envelope has "
        + envelope.args().size());
    }
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Object value = envelope.args().getValue(i);
      Object plain = plain(value, types[i]);
      if (plain != NO_SHORTCUT) {
        args[i] = plain;
        continue;
      }
      try {
        args[i] = ModelMapper.convert(value, types[i]);
      } catch (IllegalArgumentException e) {
        throw new NoRetry("argument " + i + " of task '" + task.name() + "' no longer fits " + types[i].getTypeName());
      }
    }
    return args;
  }

  /** @return {@code value} as {@code type} when no mapping is needed (same result as Jackson's), else NO_SHORTCUT. */
  static Object plain(Object value, Type type) {
    if (type == String.class) {
      return value == null || value instanceof String ? value : NO_SHORTCUT;
    }
    if (type == Boolean.class || type == boolean.class) {
      return value instanceof Boolean ? value : NO_SHORTCUT;
    }
    if (type == Integer.class || type == int.class) {
      return value instanceof Integer ? value : NO_SHORTCUT;
    }
    if (type == Long.class || type == long.class) {
      return value instanceof Integer || value instanceof Long ? (Object) ((Number) value).longValue() : NO_SHORTCUT;
    }
    if (type == Double.class || type == double.class) {
      return value instanceof Double || value instanceof Integer || value instanceof Long
        ? (Object) ((Number) value).doubleValue() : NO_SHORTCUT;
    }
    return NO_SHORTCUT;
  }
}
