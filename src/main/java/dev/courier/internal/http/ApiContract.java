package dev.courier.internal.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.HashMap;
import java.util.Map;

/**
 * The served contract (the service's, merged with Courier's routes), parsed and its request schemas compiled once per
 * node, then shared by all API verticles of the node. Parsing a contract (the 2020-12 meta-schemas included) is the
 * longest step of start-up; repeating it per verticle instance bought nothing, since neither the contract nor a
 * compiled validator changes once built.
 */
public final class ApiContract {

  private final OpenAPIContract contract;
  private final Buffer yaml;
  private final Map<String, OperationValidator> validators;
  private final ResponseCheck responses;
  private final CompiledSchemas schemas;

  private ApiContract(ServedContract served) {
    this.contract = served.openApi();
    this.yaml = served.yaml();
    this.schemas = new CompiledSchemas(contract);
    Map<String, OperationValidator> byId = new HashMap<>();
    for (Operation operation : contract.operations()) {
      byId.put(operation.getOperationId(), new OperationValidator(operation, schemas));
    }
    this.validators = Map.copyOf(byId);
    this.responses = new ResponseCheck(contract, schemas);
  }

  /** Serves the contract at classpath or file location {@code path} and compiles its request validators. */
  public static Future<ApiContract> load(Vertx vertx, String path) {
    return from(ServedContract.load(vertx, path));
  }

  /** Compiles the request validators of a contract whose parse is already under way (it began with the node). */
  public static Future<ApiContract> from(Future<ServedContract> parse) {
    return parse.map(ApiContract::new);
  }

  OpenAPIContract openApi() {
    return contract;
  }

  /** @return the served contract as YAML, for {@code GET /openapi.yaml} */
  Buffer yaml() {
    return yaml;
  }

  OperationValidator validator(String operationId) {
    return validators.get(operationId);
  }

  CompiledSchemas schemas() {
    return schemas;
  }

  ResponseCheck responses() {
    return responses;
  }
}
