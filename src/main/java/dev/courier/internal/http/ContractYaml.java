package dev.courier.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.VertxModule;

import java.io.IOException;
import java.util.Map;

/**
 * Reads a contract (YAML, or JSON, which YAML contains) into a {@link JsonObject}, and writes the served contract
 * back as YAML for {@code GET /openapi.yaml}. Status codes stay strings either way, as OpenAPI requires.
 */
final class ContractYaml {

  private static final YAMLMapper YAML = YAMLMapper.builder()
    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
    .disable(YAMLGenerator.Feature.SPLIT_LINES) // long descriptions stay on one line, as people wrote them
    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
    .addModule(new VertxModule()) // writes JsonObject and JsonArray as what they hold
    .build();

  private ContractYaml() {
  }

  /** @param location where {@code text} came from, for the message when it is not a YAML or JSON object */
  @SuppressWarnings("unchecked")
  static JsonObject read(Buffer text, String location) {
    Object value;
    try {
      value = YAML.readValue(text.getBytes(), Object.class);
    } catch (IOException e) {
      throw new IllegalStateException("the contract " + location + " is not valid YAML or JSON: " + problem(e), e);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalStateException("the contract " + location + " is not a YAML or JSON object");
    }
    return new JsonObject((Map<String, Object>) map);
  }

  /** The parser's complaint on one line, with where it is. */
  private static String problem(IOException e) {
    if (!(e instanceof JsonProcessingException parse)) {
      return String.valueOf(e.getMessage());
    }
    String text = String.valueOf(parse.getOriginalMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
    return parse.getLocation() == null ? text
      : text + " (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")";
  }

  static Buffer write(JsonObject contract) {
    try {
      return Buffer.buffer(YAML.writeValueAsBytes(contract.getMap()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the served contract as YAML: " + e.getOriginalMessage(), e);
    }
  }
}
