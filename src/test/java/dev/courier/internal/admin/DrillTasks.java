package dev.courier.internal.admin;

import dev.courier.task.AsyncTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks an operator drills with: an invoice delivery that fails while {@link #failing} is set (so it ends dead) and
 * counts each delivery once it may succeed, a report on a second queue, and a paced task that notes which node
 * started it and when.
 */
public final class DrillTasks {

  /** One start of a paced task: the Vert.x instance (so the node) it ran on, and when. */
  public record Start(Vertx node, long atMs) {
  }

  public final AtomicBoolean failing = new AtomicBoolean(true);
  public final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
  public final List<Start> starts = new CopyOnWriteArrayList<>();

  @AsyncTask(name = "deliverInvoice", maxAttempts = 2)
  public Future<String> deliverInvoice(String invoice) {
    if (failing.get()) {
      return Future.failedFuture(new IllegalStateException("the mail relay refused invoice " + invoice));
    }
    delivered.computeIfAbsent(invoice, k -> new AtomicInteger()).incrementAndGet();
    return Future.succeededFuture("sent " + invoice);
  }

  @AsyncTask(name = "buildReport", queue = "reports")
  public Future<Void> buildReport(String name) {
    return Future.succeededFuture();
  }

  @AsyncTask(name = "paced")
  public Future<Void> paced(int millis) {
    Vertx node = Vertx.currentContext().owner();
    starts.add(new Start(node, System.currentTimeMillis()));
    return node.timer(millis).mapEmpty();
  }

  public int deliveries(String invoice) {
    AtomicInteger count = delivered.get(invoice);
    return count == null ? 0 : count.get();
  }
}
