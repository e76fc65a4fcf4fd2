package com.example.svc;

import dev.courier.internal.context.CallContextSlot;
import io.vertx.core.Context;

/** Binds a caller of its own choosing: compiles on the class path, must not against the module. */
public class Forger {
  static void forge(Context context, Object call) {
    CallContextSlot.binder().bind(context, call);
  }
}
