package com.example.svc;

import dev.courier.context.CallContext;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Run on the module path: the module resolves, Vert.x finds the slot, reflection cannot reach the internals. */
public class Probe {
  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      Promise<Boolean> bound = Promise.promise();
      context.runOnContext(v -> bound.complete(CallContext.find().isPresent()));
      System.out.println("bound: " + bound.future().await());
      Class<?> slot = Class.forName("dev.courier.internal.context.CallContextSlot");
      try {
        slot.getMethod("binder").invoke(null);
        System.out.println("invoke: allowed");
      } catch (ReflectiveOperationException e) {
        System.out.println("invoke: refused: " + e);
      }
      try {
        slot.getMethod("binder").setAccessible(true);
        System.out.println("setAccessible: allowed");
      } catch (RuntimeException e) {
        System.out.println("setAccessible: refused: " + e.getClass().getSimpleName());
      }
    } finally {
      vertx.close().await();
    }
  }
}
