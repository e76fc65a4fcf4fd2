package dev.courier.internal.context;

import io.vertx.core.Context;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The context-local slots that hold the {@code CallContext} of a request or task run and its span, and the only way
 * to fill them. Vert.x sizes context storage when an instance is built, so the slots must exist before that:
 * Vert.x loads this provider through META-INF/services (or the module's {@code provides}) at build time.
 *
 * <p>The slots are typed {@code Object} so that this package needs nothing of the public API (which reads the slot):
 * the dependency points one way, from {@code dev.courier.context} to here. Binding lives here, not on
 * {@code CallContext}, so user code cannot re-bind who is calling. On the module path this package is not exported;
 * on the class path (the fat jar) it is public to everyone, so taking a {@link Binder} also checks its caller: only
 * classes of Courier's internal packages, loaded by Courier's own loader into its own module, may bind.
 */
public final class CallContextSlot implements VertxServiceProvider {

  // private, not public constants: with a slot in hand, Context.putLocal would bind without asking
  private static final ContextLocal<Object> CALL = ContextLocal.registerLocal(Object.class);
  private static final ContextLocal<Object> SPAN = ContextLocal.registerLocal(Object.class);

  private static final String INTERNAL = "dev.courier.internal.";
  private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  @Override
  public void init(VertxBootstrap builder) {
    // nothing to configure: loading this class registered the slots
  }

  /**
   * The capability to bind: handed only to classes of Courier's internal packages, checked once when they take it
   * (keep it in a private static final field), so that binding, once per request and per task attempt, costs no stack
   * walk (a walk was measured at about 0.75 us a task on a drain).
   *
   * @throws IllegalCallerException when called from outside Courier's internal packages
   */
  public static Binder binder() {
    requireCourier(STACK.getCallerClass());
    return new Binder();
  }

  /** @return the {@code CallContext} bound to {@code context}, or null. */
  public static Object call(Context context) {
    return context.getLocal(CALL);
  }

  /** @return the span bound to {@code context}, or null. */
  public static Object span(Context context) {
    return context.getLocal(SPAN);
  }

  /** What {@link #binder()} hands out: binds a call and its span to a duplicated context of one request or run. */
  public static final class Binder {

    private Binder() {
    }

    /** Binds {@code call} (a {@code CallContext}) to {@code context}. */
    public void bind(Context context, Object call) {
      context.putLocal(CALL, call);
    }

    /** Binds {@code span} (an internal {@code SpanHandle}) to {@code context}, beside its call. */
    public void bindSpan(Context context, Object span) {
      context.putLocal(SPAN, span);
    }
  }

  // The stack walk hides reflection frames, so Method.invoke does not launder a caller. What this cannot stop on the
  // class path is code that declares itself part of dev.courier.internal or uses setAccessible: there nothing is
  // private; the module path is where the line is enforced (module-info exports no internal package).
  private static void requireCourier(Class<?> caller) {
    if (!caller.getPackageName().startsWith(INTERNAL)
      || caller.getModule() != CallContextSlot.class.getModule()
      || caller.getClassLoader() != CallContextSlot.class.getClassLoader()) {
      throw new IllegalCallerException("only Courier binds the call context; " + caller.getName() + " may not");
    }
  }
}
