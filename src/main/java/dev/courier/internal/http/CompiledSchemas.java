package dev.courier.internal.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ApplicationJsonAnalyser;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.impl.RequestParameterImpl;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.vertx.openapi.validation.SchemaValidationException.createInvalidValueBody;
import static io.vertx.openapi.validation.ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT;

/**
 * Every schema the contract's operations validate with (parameters, request and response bodies, response headers),
 * compiled once into a validator. vertx-openapi instead builds a validator per schema per request, and each build
 * copies the repository's whole lookup map of schemas and meta-schemas: that copy was 37% of the CPU of
 * {@code POST /v1/emails}. A compiled validator keeps no state between calls, so any event loop may use it.
 */
final class CompiledSchemas {

  private final SchemaRepository repository;
  // filled in the constructor, read-only afterwards; keyed by identity, as a schema's equals() walks the whole tree
  private final Map<JsonSchema, Validator> validators = new IdentityHashMap<>();
  // body schemas that also have a fast validity test (see FastSchemas); same lifecycle as validators
  private final Map<JsonSchema, Predicate<Buffer>> fast = new IdentityHashMap<>();
  // body schemas that are taken as they come (see isOpaque); same lifecycle, decided once rather than per request
  private final Map<JsonSchema, Boolean> opaque = new IdentityHashMap<>();

  CompiledSchemas(OpenAPIContract contract) {
    this.repository = contract.getSchemaRepository();
    FastSchemas fastSchemas = new FastSchemas(contract.getRawContract());
    for (Operation operation : contract.operations()) {
      String path = operation.getOpenAPIPath();
      String method = operation.getHttpMethod().name().toLowerCase();
      operation.getParameters().forEach(this::compile);
      if (operation.getRequestBody() != null) {
        operation.getRequestBody().getContent().forEach((type, media) -> compile(media,
          () -> fastSchemas.compile(FastSchemas.pointer("paths", path, method, "requestBody", "content", type, "schema"))));
      }
      responsesOf(contract, operation).forEach((code, response) -> {
        response.getHeaders().forEach(this::compile);
        response.getContent().forEach((type, media) -> compile(media,
          () -> fastSchemas.compile(FastSchemas.pointer("paths", path, method, "responses", code, "content", type, "schema"))));
      });
    }
  }

  /** @return the outcome of validating {@code value} against {@code schema} (compiled now if it was not before) */
  OutputUnit validate(JsonSchema schema, Object value) {
    Validator validator = validators.get(schema);
    return (validator != null ? validator : repository.validator(schema)).validate(value);
  }

  /**
   * Checks a body against its media type, as vertx-openapi's {@code BaseValidator} does (same exceptions, same
   * messages): syntax first, then the schema unless it is absent or a bare {@code {type: string, format: binary}}.
   */
  RequestParameterImpl body(MediaType media, String contentType, Buffer content, ValidationContext side) {
    ContentAnalyser analyser = media == null ? null
      : ContentAnalyser.getContentAnalyser(media, contentType, content, side);
    if (analyser == null) {
      throw new ValidatorException("The format of the " + side + " body is not supported", UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    Boolean known = media.getSchema() == null ? null : opaque.get(media.getSchema());
    if (known != null ? known : isOpaque(media.getSchema())) {
      return new RequestParameterImpl(content);
    }
    Object transformed = analyser.transform();
    Predicate<Buffer> accepts = analyser instanceof ApplicationJsonAnalyser ? fast.get(media.getSchema()) : null;
    if (accepts != null && accepts.test(content)) {
      return new RequestParameterImpl(transformed);
    }
    OutputUnit result = validate(media.getSchema(), transformed);
    try {
      result.checkValidity();
      return new RequestParameterImpl(transformed);
    } catch (JsonSchemaValidationException e) {
      throw createInvalidValueBody(result, side, e);
    }
  }

  /** @return the fast validity test of a body schema, or null when it has none (visible for tests) */
  Predicate<Buffer> fastTest(JsonSchema schema) {
    return fast.get(schema);
  }

  private static boolean isOpaque(JsonSchema schema) {
    return schema == null || "string".equalsIgnoreCase(schema.get("type"))
      && "binary".equalsIgnoreCase(schema.get("format")) && schema.fieldNames().size() == 2;
  }

  private void compile(Parameter parameter) {
    if (parameter.getSchema() != null) {
      validators.computeIfAbsent(parameter.getSchema(), repository::validator);
    }
  }

  private void compile(MediaType media, Supplier<Predicate<Buffer>> fastTest) {
    if (media.getSchema() != null) {
      validators.computeIfAbsent(media.getSchema(), repository::validator);
      opaque.put(media.getSchema(), isOpaque(media.getSchema()));
      Predicate<Buffer> test = fastTest.get();
      if (test != null) {
        fast.put(media.getSchema(), test);
      }
    }
  }

  /** Operation has no accessor for all its responses; the raw contract names their status codes. */
  private static Map<String, Response> responsesOf(OpenAPIContract contract, Operation operation) {
    Map<String, Response> found = new TreeMap<>();
    JsonObject path = contract.getRawContract().getJsonObject("paths", new JsonObject())
      .getJsonObject(operation.getOpenAPIPath(), new JsonObject());
    JsonObject responses = path.getJsonObject(operation.getHttpMethod().name().toLowerCase(), new JsonObject())
      .getJsonObject("responses", new JsonObject());
    for (String code : responses.fieldNames()) {
      if (code.matches("[1-5][0-9][0-9]") && operation.getResponse(Integer.parseInt(code)) != null) {
        found.put(code, operation.getResponse(Integer.parseInt(code)));
      }
    }
    if (operation.getDefaultResponse() != null) {
      found.put("default", operation.getDefaultResponse());
    }
    return found;
  }
}
