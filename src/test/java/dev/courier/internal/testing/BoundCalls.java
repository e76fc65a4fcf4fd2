package dev.courier.internal.testing;

import dev.courier.context.CallContext;
import dev.courier.internal.context.CallContextSlot;
import io.vertx.core.Context;

/**
 * Binds a {@link CallContext} as Courier's request and task code do, for tests outside the internal packages (the
 * log layout's): {@link CallContextSlot} refuses callers from anywhere else.
 */
public final class BoundCalls {

  private static final CallContextSlot.Binder BINDER = CallContextSlot.binder();

  private BoundCalls() {
  }

  /** Binds {@code call} to {@code context}, a duplicated context. */
  public static void bind(Context context, CallContext call) {
    BINDER.bind(context, call);
  }
}
