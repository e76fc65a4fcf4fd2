package dev.courier.internal.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ValidatorException;

import static io.vertx.openapi.validation.ValidationContext.RESPONSE;
import static io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER;
import static io.vertx.openapi.validation.ValidatorException.createMissingRequiredParameter;
import static io.vertx.openapi.validation.ValidatorException.createOperationIdInvalid;
import static io.vertx.openapi.validation.ValidatorException.createResponseNotFound;

/**
 * {@code http.validateResponses}: checks a JSON reply against the operation's response in the contract before it is
 * sent, with the node's {@link CompiledSchemas}, synchronously on the event loop (vertx-openapi's ResponseValidator
 * would use the shared worker pool). Failures are vertx-openapi's bare {@link ValidatorException}s, which
 * {@link ErrorMapping} answers as a 500: a reply that breaks the contract is the service's bug.
 */
final class ResponseCheck {

  private final OpenAPIContract contract;
  private final CompiledSchemas schemas;

  ResponseCheck(OpenAPIContract contract, CompiledSchemas schemas) {
    this.contract = contract;
    this.schemas = schemas;
  }

  /** @throws ValidatorException when {@code body} (sent as application/json with {@code status}) breaks the contract */
  void check(String operationId, int status, Buffer body) {
    Operation operation = contract.operation(operationId);
    if (operation == null) {
      throw createOperationIdInvalid(operationId);
    }
    Response response = operation.getResponse(status) != null ? operation.getResponse(status)
      : operation.getDefaultResponse();
    if (response == null) {
      throw createResponseNotFound(status, operationId);
    }
    for (Parameter header : response.getHeaders()) {
      // replies set headers outside the contract's view, as before: a required one is reported missing
      if (header.isRequired()) {
        throw createMissingRequiredParameter(header);
      }
    }
    if (response.getContent().isEmpty()) {
      return;
    }
    if (body == null || body.length() == 0) {
      throw new ValidatorException("The related response does not contain the required body.",
        MISSING_REQUIRED_PARAMETER);
    }
    schemas.body(response.getContent().get("application/json"), "application/json", body, RESPONSE);
  }
}
