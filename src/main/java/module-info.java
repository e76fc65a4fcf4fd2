/**
 * Courier: contract-first services with signed background tasks on Vert.x and Redis.
 *
 * <p>A service's module sees only the API packages below; {@code dev.courier.internal.*} is not exported (the test kit
 * alone gets the few it drives a node through). A service module {@code requires dev.courier}, {@code provides
 * dev.courier.CourierService} with its service class, and opens the packages of its task beans and models to
 * {@code dev.courier} (task methods are invoked reflectively) and {@code com.fasterxml.jackson.databind} (bodies,
 * arguments and results are mapped), and the folder of its contract (a resource) to everyone. README's "Public API"
 * says why the internals stay out, and docs/design.md what running on the module path needs.
 */
module dev.courier {
  exports dev.courier;
  exports dev.courier.api;
  exports dev.courier.context;
  exports dev.courier.task;
  exports dev.courier.launch;
  exports dev.courier.log;

  // the test kit (classifier "testkit", automatic module dev.courier.testkit) starts a node as Main does
  exports dev.courier.internal.auth to dev.courier.testkit;
  exports dev.courier.internal.config to dev.courier.testkit;
  exports dev.courier.internal.launch to dev.courier.testkit;
  exports dev.courier.internal.metrics to dev.courier.testkit;

  // Courier's own resources, read through its class loader: Lua scripts, the dashboard, its routes' contract
  opens courier.queue.lua;
  opens courier.queue.lua.includes;
  opens courier.admin;
  opens courier.openapi;

  // in the API's signatures: Vertx, Future, JsonObject, Redis, RoutingContext, ObjectMapper
  requires transitive io.vertx.core;
  requires transitive io.vertx.web;
  requires transitive io.vertx.redis.client;
  requires transitive com.fasterxml.jackson.databind;
  requires io.vertx.auth.jwt;
  requires io.netty.common;    // the workers' home loop is chosen among Vert.x's event loops (HomeLoop)
  requires io.netty.transport;
  requires io.vertx.openapi;
  requires io.vertx.jsonschema;
  requires io.vertx.web.openapi.router;
  requires io.vertx.metrics.micrometer;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.networknt.schema;
  requires org.slf4j;
  // automatic modules (Automatic-Module-Name in their manifests)
  requires com.github.f4b6a3.ulid;
  requires micrometer.core;
  requires micrometer.registry.prometheus;

  // optional, as in the pom: Logback for dev.courier.log, OpenTelemetry for exported spans (loaded by name). Not
  // transitive: javac would then demand Logback of every service module, even one that never logs through it
  requires static ch.qos.logback.classic;
  requires static ch.qos.logback.core;
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;
  requires static io.opentelemetry.sdk.common;
  requires static io.opentelemetry.sdk.trace;
  requires static io.opentelemetry.exporter.otlp;

  // the one service a node runs: found with ServiceLoader, provided by the service's module
  uses dev.courier.CourierService;
  // the call context's slot must exist before Vert.x is built (META-INF/services on the class path)
  provides io.vertx.core.spi.VertxServiceProvider with dev.courier.internal.context.CallContextSlot;
  // Not "provides ch.qos.logback.classic.spi.Configurator with dev.courier.log.LogConfigurator": the boot layer
  // refuses a module providing a service of a module it cannot read, so every service without Logback would fail
  // to start. On the module path, a logback.xml names JsonLineLayout or QueuedLineAppender instead.
}
