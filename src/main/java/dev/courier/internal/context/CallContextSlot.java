package dev.courier.internal.context;

import io.vertx.core.Context;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The context-local slots that hold the {@code CallContext} of a request or task run and its span, and the only way
 * to fill the first. Vert.x sizes context storage when an instance is built, so the slots must exist before that:
 * Vert.x loads this provider through META-INF/services at build time.
 *
 * <p>The slot is typed {@code Object} so that this package needs nothing of the public API (which reads the slot):
 * the dependency points one way, from {@code dev.courier.context} to here. Binding lives here, not on
 * {@code CallContext}, so user code cannot re-bind who is calling.
 */
public final class CallContextSlot implements VertxServiceProvider {

  public static final ContextLocal<Object> LOCAL = ContextLocal.registerLocal(Object.class);
  /** The span of the same request or task run (an internal {@code SpanHandle}); filled by its package. */
  public static final ContextLocal<Object> SPAN = ContextLocal.registerLocal(Object.class);

  @Override
  public void init(VertxBootstrap builder) {
    // nothing to configure: loading this class registered the slot
  }

  /** Binds {@code call} (a {@code CallContext}) to {@code context}, a duplicated context of one request or task run. */
  public static void bind(Context context, Object call) {
    context.putLocal(LOCAL, call);
  }
}
