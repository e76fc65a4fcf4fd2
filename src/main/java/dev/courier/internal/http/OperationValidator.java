package dev.courier.internal.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.vertx.openapi.validation.SchemaValidationException.createErrorFromOutputUnitType;
import static io.vertx.openapi.validation.ValidationContext.REQUEST;
import static io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER;
import static io.vertx.openapi.validation.ValidatorException.createMissingRequiredParameter;
import static io.vertx.openapi.validation.ValidatorException.createUnsupportedValueFormat;

/**
 * Validates one operation's requests against the contract with the node's {@link CompiledSchemas}. The rules,
 * messages and exceptions are those of vertx-openapi's {@code RequestValidatorImpl}, so {@link ValidationDetails}
 * and {@link ErrorMapping} read them unchanged; it runs synchronously, on the event loop.
 */
final class OperationValidator {

  // stateless, so shared by every operation and thread
  private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Map.of(
    Style.SIMPLE, new SimpleTransformer(), Style.LABEL, new LabelTransformer(),
    Style.MATRIX, new MatrixTransformer(), Style.FORM, new FormTransformer()));

  /** Distinct Content-Type values remembered per operation; clients choose them, so they are bounded. */
  private static final int MEDIA_TYPES_KEPT = 16;

  private final Operation operation;
  private final CompiledSchemas schemas;
  // Content-Type header -> the contract's media type for it: vertx-openapi finds it with a regex per request
  private final Map<String, MediaType> mediaTypes = new ConcurrentHashMap<>();

  OperationValidator(Operation operation, CompiledSchemas schemas) {
    this.operation = operation;
    this.schemas = schemas;
  }

  Operation operation() {
    return operation;
  }

  /** @throws ValidatorException as vertx-openapi would throw it for the same request */
  ValidatedRequest validate(ValidatableRequest request) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter param : operation.getParameters()) {
      switch (param.getIn()) {
        case COOKIE -> cookies.put(param.getName(), parameter(param, request.getCookies().get(param.getName())));
        case HEADER -> headers.put(param.getName(), parameter(param, request.getHeaders().get(param.getName())));
        case PATH -> path.put(param.getName(), parameter(param, request.getPathParameters().get(param.getName())));
        case QUERY -> query.put(param.getName(), parameter(param, request.getQuery().get(param.getName())));
      }
    }
    return new ValidatedRequestImpl(cookies, headers, path, query, body(request));
  }

  private RequestParameter parameter(Parameter parameter, RequestParameter value) {
    if (value == null || value.isNull()) {
      if (parameter.isRequired()) {
        throw createMissingRequiredParameter(parameter);
      }
      return new RequestParameterImpl(null);
    }
    ParameterTransformer transformer = TRANSFORMERS.get(parameter.getStyle());
    if (transformer == null) {
      throw createUnsupportedValueFormat(parameter);
    }
    Object transformed = transformer.transform(parameter, String.valueOf(value.get()));
    OutputUnit result = schemas.validate(parameter.getSchema(), transformed);
    try {
      result.checkValidity();
      return new RequestParameterImpl(transformed);
    } catch (JsonSchemaValidationException e) {
      throw createErrorFromOutputUnitType(parameter, result, e);
    }
  }

  private RequestParameter body(ValidatableRequest request) {
    RequestBody declared = operation.getRequestBody();
    if (declared == null) {
      return new RequestParameterImpl(null);
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (declared.isRequired()) {
        throw new ValidatorException("The related request does not contain the required body.",
          MISSING_REQUIRED_PARAMETER);
      }
      return new RequestParameterImpl(null);
    }
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    return schemas.body(mediaType(declared, request.getContentType()), request.getContentType(), content, REQUEST);
  }

  private MediaType mediaType(RequestBody declared, String contentType) {
    MediaType known = contentType == null ? null : mediaTypes.get(contentType);
    if (known != null) {
      return known;
    }
    MediaType found = declared.determineContentType(contentType);
    if (found != null && contentType != null && mediaTypes.size() < MEDIA_TYPES_KEPT) {
      mediaTypes.put(contentType, found);
    }
    return found;
  }
}
