package dev.courier.context;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * Registers the context-local slot for {@link CallContext}. Vert.x sizes context storage when an instance is built,
 * so the slot must exist before that: Vert.x loads this provider through META-INF/services at build time.
 */
public final class CallContextStorage implements VertxServiceProvider {

  static final ContextLocal<CallContext> LOCAL = ContextLocal.registerLocal(CallContext.class);

  @Override
  public void init(VertxBootstrap builder) {
    // nothing to configure: loading this class registered the slot
  }
}
