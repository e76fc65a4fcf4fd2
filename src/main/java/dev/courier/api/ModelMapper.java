package dev.courier.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.VertxModule;

import java.lang.reflect.Type;

/**
 * The one JSON mapping of a Courier service: the contract's schemas as Java records, with snake_case names on the
 * wire ({@code userId} is {@code "user_id"}) and ISO-8601 instants. HTTP bodies, task arguments and the example
 * service's storage all go through it, so a model reads the same everywhere.
 */
public final class ModelMapper {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
    .addModule(new JavaTimeModule())
    .addModule(new VertxModule())
    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
    .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
    .build();

  private ModelMapper() {
  }

  /** The shared mapper (thread-safe; do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** @return {@code value} as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
    }
  }

  /** @return {@code value} as a JSON buffer. */
  public static Buffer toBuffer(Object value) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(value)); // UTF-8 bytes at once, no String in between
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(),
        e);
    }
  }

  /** @return JSON text read as {@code type}. */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read JSON as " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** @return a JSON tree (from {@code JsonObject}, map or model) converted to {@code type}, generics included. */
  public static Object convert(Object value, Type type) {
    JavaType javaType = MAPPER.getTypeFactory().constructType(type);
    Object tree = value instanceof JsonObject json ? json.getMap() : value instanceof JsonArray array ? array.getList() : value;
    return MAPPER.convertValue(tree, javaType);
  }

  /** @return a JSON tree converted to {@code type}. */
  public static <T> T convert(Object value, Class<T> type) {
    return type.cast(convert(value, (Type) type));
  }
}
