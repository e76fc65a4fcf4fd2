package dev.courier.internal.task;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which declared types a task parameter may have, and whether a value handed at call time is one of them. Checked
 * deeply (inside lists, maps, records) so nothing reaches Redis that would not come back as the declared type.
 */
final class CarryableTypes {

  private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Integer.class, Long.class,
    Short.class, Byte.class, Double.class, Float.class, BigDecimal.class, BigInteger.class, Instant.class,
    UUID.class, boolean.class, int.class, long.class, short.class, byte.class, double.class, float.class);

  private CarryableTypes() {
  }

  /** @return null if {@code type} is carryable, else why not. */
  static String whyNot(Type type) {
    if (type instanceof Class<?> c) {
      if (SCALARS.contains(c) || c.isEnum() || c == JsonObject.class || c == JsonArray.class) {
        return null;
      }
      if (c.isRecord()) {
        for (RecordComponent component : c.getRecordComponents()) {
          String why = whyNot(component.getGenericType());
          if (why != null) {
            return "record component '" + component.getName() + "': " + why;
          }
        }
        return null;
      }
      return c.getTypeName() + " is not carryable";
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw) && raw.isAssignableFrom(java.util.ArrayList.class)) {
        return whyNot(args[0]);
      }
      if (Set.class.isAssignableFrom(raw) && raw.isAssignableFrom(java.util.LinkedHashSet.class)) {
        return whyNot(args[0]);
      }
      if (Map.class.isAssignableFrom(raw) && raw.isAssignableFrom(java.util.LinkedHashMap.class)) {
        return args[0] == String.class ? whyNot(args[1]) : "map keys must be String";
      }
    }
    return type.getTypeName() + " is not carryable";
  }

  /** @return null if {@code value} fits {@code type} all the way down, else why not. */
  static String misfit(Object value, Type type) {
    if (value == null) {
      return type instanceof Class<?> c && c.isPrimitive() ? "null for a primitive" : null;
    }
    if (type instanceof Class<?> c) {
      Class<?> boxed = box(c);
      if (!boxed.isInstance(value)) {
        return "expected " + c.getTypeName();
      }
      if (c.isRecord()) {
        for (RecordComponent component : c.getRecordComponents()) {
          try {
            String why = misfit(component.getAccessor().invoke(value), component.getGenericType());
            if (why != null) {
              return component.getName() + ": " + why;
            }
          } catch (ReflectiveOperationException e) {
            return "unreadable record component " + component.getName();
          }
        }
      }
      return null;
    }
    ParameterizedType p = (ParameterizedType) type;
    Type[] args = p.getActualTypeArguments();
    if (value instanceof Map<?, ?> map && Map.class.isAssignableFrom((Class<?>) p.getRawType())) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String)) {
          return "map key " + entry.getKey() + " is not a String";
        }
        String why = misfit(entry.getValue(), args[1]);
        if (why != null) {
          return "[" + entry.getKey() + "]: " + why;
        }
      }
      return null;
    }
    if (value instanceof Collection<?> items && Collection.class.isAssignableFrom((Class<?>) p.getRawType())) {
      for (Object item : items) {
        String why = misfit(item, args[0]);
        if (why != null) {
          return "element: " + why;
        }
      }
      return null;
    }
    return "expected " + type.getTypeName();
  }

  private static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return switch (c.getName()) {
      case "boolean" -> Boolean.class;
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      default -> c;
    };
  }
}
