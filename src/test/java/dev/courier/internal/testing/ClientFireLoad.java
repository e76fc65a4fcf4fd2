package dev.courier.internal.testing;

import dev.courier.task.TaskClient;
import dev.courier.task.TaskNotDurableException;
import dev.courier.task.TaskReceipt;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fires one task at a steady rate from a thread of its own, each with a unique token, and records how each fire
 * ended: accepted (what a 202 means), refused as not durable, or failed otherwise. For failover tests.
 */
public final class ClientFireLoad implements AutoCloseable {

  public enum Outcome { ACCEPTED, NOT_DURABLE, FAILED }

  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
  private final Map<String, String> taskIds = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean stopped;

  private ClientFireLoad(TaskClient tasks, String task, int perSecond, String tokenPrefix) {
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    thread = new Thread(() -> {
      long next = System.nanoTime();
      for (int i = 0; !stopped; i++) {
        String token = tokenPrefix + i;
        Future<TaskReceipt> fire = tasks.task(task).fire(token).onComplete(ar -> {
          if (ar.succeeded()) {
            acceptedAt.put(token, System.currentTimeMillis());
            taskIds.put(token, ar.result().taskId());
          }
          if (ar.failed() && !(ar.cause() instanceof TaskNotDurableException)) {
            failures.merge(String.valueOf(ar.cause().getMessage()).replaceAll("[0-9A-Z]{26}", "<id>"), 1,
              Integer::sum);
          }
          outcomes.put(token, ar.succeeded() ? Outcome.ACCEPTED
            : ar.cause() instanceof TaskNotDurableException ? Outcome.NOT_DURABLE : Outcome.FAILED);
        });
        inFlight.add(fire);
        fire.onComplete(ar -> inFlight.remove(fire));
        next += periodNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "fire-load");
    thread.setDaemon(true);
  }

  /** Starts firing {@code task(token)} {@code perSecond} times a second. */
  public static ClientFireLoad start(TaskClient tasks, String task, int perSecond, String tokenPrefix) {
    ClientFireLoad load = new ClientFireLoad(tasks, task, perSecond, tokenPrefix);
    load.thread.start();
    return load;
  }

  /** Stops firing and waits (bounded) for the fires in flight to end. */
  public void stop() {
    stopped = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Future<?> f : new ArrayList<>(inFlight)) {
      try {
        f.await(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // counted as its outcome says (or missing: never answered)
      }
    }
  }

  public List<String> tokens(Outcome outcome) {
    return tokens(o -> o == outcome);
  }

  private List<String> tokens(Predicate<Outcome> which) {
    return outcomes.entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).sorted()
      .toList();
  }

  /** @return the id of the task {@code token}'s accepted fire stored, or null. */
  public String taskId(String token) {
    return taskIds.get(token);
  }

  /** @return when {@code token}'s fire was accepted (epoch ms), or null. */
  public Long acceptedAt(String token) {
    return acceptedAt.get(token);
  }

  /** @return each failure message (other than not durable) and how often it was met */
  public Map<String, Integer> failures() {
    return Map.copyOf(failures);
  }

  public int fired() {
    return outcomes.size();
  }

  @Override
  public void close() {
    stop();
  }
}
