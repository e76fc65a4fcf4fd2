package dev.courier.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fast half of body validation: JSON-Schema 2020-12 validators compiled by networknt from the same contract,
 * asked only "is this body valid?". vertx-json-schema interprets the schema tree keyword by keyword on every call
 * (a third of the event loop's time on {@code POST /v1/emails}); a compiled validator takes a few microseconds.
 *
 * <p>It may only ever say yes when vertx-json-schema would: a schema gets a fast validator only if every keyword it
 * reaches (through local {@code $ref}s) is one whose 2020-12 meaning both libraries implement alike. Anything else
 * ({@code format}, {@code patternProperties}, {@code unevaluated*}, {@code if}, {@code $dynamicRef}, remote refs,
 * unknown keywords) keeps vertx-json-schema alone. And a "no" proves nothing: the caller then runs vertx-json-schema,
 * whose verdict and error details are the ones answered, exactly as before.
 */
final class FastSchemas {

  private static final String DOCUMENT = "https://courier.invalid/contract.json";
  /** the base URI vertx-openapi resolves the contract's own refs against */
  private static final String VERTX_BASE = "app:///";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** keywords whose value is a schema, a map of schemas or a list of schemas */
  private static final Set<String> SCHEMA_KEYWORDS = Set.of("items", "additionalProperties", "not");
  private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties");
  private static final Set<String> SCHEMA_LIST_KEYWORDS = Set.of("allOf", "anyOf", "oneOf");
  /** keywords that only constrain the value, alike in both libraries, or are annotations */
  private static final Set<String> VALUE_KEYWORDS = Set.of("type", "required", "enum", "const", "minLength",
    "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
    "uniqueItems", "minProperties", "maxProperties", "title", "description", "default", "examples", "example",
    "deprecated", "readOnly", "writeOnly", "$comment");

  private final JsonNode document;
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();

  FastSchemas(JsonObject rawContract) {
    this.document = withoutBookkeeping(parse(rawContract.encode()));
    String text = document.toString();
    this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, text))));
  }

  /**
   * @param pointer JSON pointer of a body schema in the contract
   * @return a test answering true only for JSON bodies that schema accepts, or null if it cannot have a fast one
   */
  Predicate<Buffer> compile(String pointer) {
    try {
      if (!onlySafeKeywords(document.at(pointer), new HashSet<>())) {
        return null;
      }
      JsonSchema schema = factory.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer), config);
      schema.initializeValidators();
      return body -> accepts(schema, body);
    } catch (RuntimeException unsupported) {
      return null; // vertx-json-schema alone, as before
    }
  }

  /** @return the JSON pointer of {@code segments} (escaped as RFC 6901 wants) */
  static String pointer(String... segments) {
    StringBuilder pointer = new StringBuilder();
    for (String segment : segments) {
      pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  private static boolean accepts(JsonSchema schema, Buffer body) {
    try {
      return schema.validate(JSON.readTree(body.getBytes()), OutputFormat.BOOLEAN);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private boolean onlySafeKeywords(JsonNode schema, Set<String> refsSeen) {
    if (schema.isBoolean()) {
      return true;
    }
    if (!schema.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String keyword = field.getKey();
      JsonNode value = field.getValue();
      boolean safe;
      if (VALUE_KEYWORDS.contains(keyword)) {
        safe = true;
      } else if (SCHEMA_KEYWORDS.contains(keyword)) {
        safe = onlySafeKeywords(value, refsSeen);
      } else if (SCHEMA_MAP_KEYWORDS.contains(keyword)) {
        safe = value.isObject();
        for (Iterator<JsonNode> sub = value.elements(); safe && sub.hasNext(); ) {
          safe = onlySafeKeywords(sub.next(), refsSeen);
        }
      } else if (SCHEMA_LIST_KEYWORDS.contains(keyword)) {
        safe = value.isArray();
        for (Iterator<JsonNode> sub = value.elements(); safe && sub.hasNext(); ) {
          safe = onlySafeKeywords(sub.next(), refsSeen);
        }
      } else if (keyword.equals("$ref")) {
        String ref = value.asText();
        safe = ref.startsWith("#/") && (!refsSeen.add(ref) || onlySafeKeywords(document.at(ref.substring(1)), refsSeen));
      } else {
        safe = false;
      }
      if (!safe) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("the parsed contract does not read back as JSON", e);
    }
  }

  /**
   * vertx-openapi annotates the parsed contract with {@code __absolute_uri__} and the like (not schema keywords), and
   * rewrites local refs against its base {@code app:///}; this undoes both.
   */
  private static JsonNode withoutBookkeeping(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(field -> field.getKey().startsWith("__"));
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(VERTX_BASE + "#")) {
        object.put("$ref", ref.asText().substring(VERTX_BASE.length()));
      }
      object.elements().forEachRemaining(FastSchemas::withoutBookkeeping);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(FastSchemas::withoutBookkeeping);
    }
    return node;
  }
}
