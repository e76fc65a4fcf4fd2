package dev.courier.internal.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Reads the config file into a JsonObject, turning every failure into a one-line {@link ConfigException}. */
final class JsonFile {

  private static final ObjectMapper MAPPER = new ObjectMapper()
    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonFile() {
  }

  static JsonObject read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw ConfigException.fileNotFound(file);
    } catch (IOException e) {
      throw ConfigException.fileUnreadable(file, e.getClass().getSimpleName());
    }
    if (text.isBlank()) {
      throw ConfigException.badJson(file, "the file is empty");
    }
    Object parsed;
    try {
      parsed = MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      // Only the position is reported: Jackson's own message quotes the offending token, which may be a secret.
      JsonLocation at = e.getLocation();
      throw ConfigException.badJson(file, at == null ? "syntax error"
        : "syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    if (!(parsed instanceof Map)) {
      throw ConfigException.badJson(file, "the top level must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    return new JsonObject(map);
  }
}
