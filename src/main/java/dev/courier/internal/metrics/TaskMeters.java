package dev.courier.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What this node did with tasks, by task and queue: fired, started, succeeded, retried, dead (by reason), and how long
 * attempts waited and ran. Outcomes are counted once Redis confirmed them (the node owned the task), so the sum over
 * all nodes is the cluster's total. Labels stay bounded: the task is one this node registered (else
 * {@value #UNKNOWN}), the queue one it serves. Thread-safe; {@link #NONE} records nothing.
 */
public final class TaskMeters {

  /** The task label of an envelope this node could not read or does not know. */
  public static final String UNKNOWN = "unknown";
  public static final TaskMeters NONE = new TaskMeters(null);

  private final MeterRegistry registry;
  private final Map<String, Map<String, Series>> byTask = new ConcurrentHashMap<>();

  TaskMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers a task's series at zero, so they exist (and rates start) before its first fire. */
  public void declare(String task, String queue) {
    if (registry != null) {
      series(task, queue);
    }
  }

  public void fired(String task, String queue, int count) {
    if (registry != null) {
      series(task, queue).fired.increment(count);
    }
  }

  /**
   * An attempt started.
   *
   * @param waitMs    from the attempt's due time to its start
   * @param scheduled whether the attempt waited for a due time of its own (a delay, a retry's backoff)
   */
  public void started(String task, String queue, long waitMs, boolean scheduled) {
    if (registry != null) {
      Series s = series(task, queue);
      s.started.increment();
      long wait = Math.max(0, waitMs);
      s.queueWait.record(wait, TimeUnit.MILLISECONDS);
      if (scheduled) {
        s.lateness.record(wait, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** An attempt's body ended (whatever its outcome) after {@code nanos}. */
  public void ran(String task, String queue, long nanos) {
    if (registry != null) {
      series(task, queue).run.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  public void succeeded(String task, String queue) {
    if (registry != null) {
      series(task, queue).succeeded.increment();
    }
  }

  public void retried(String task, String queue) {
    if (registry != null) {
      series(task, queue).retried.increment();
    }
  }

  public void dead(String task, String queue, DeadReason reason) {
    if (registry != null) {
      series(task, queue).dead.get(reason).increment();
    }
  }

  private Series series(String task, String queue) {
    Map<String, Series> byQueue = byTask.get(task);
    if (byQueue == null) {
      byQueue = byTask.computeIfAbsent(task, k -> new ConcurrentHashMap<>());
    }
    Series found = byQueue.get(queue);
    return found != null ? found : byQueue.computeIfAbsent(queue, q -> new Series(registry, task, q));
  }

  /** The meters of one task on one queue. */
  private static final class Series {
    final Counter fired;
    final Counter started;
    final Counter succeeded;
    final Counter retried;
    final Map<DeadReason, Counter> dead = new EnumMap<>(DeadReason.class);
    final Timer queueWait;
    final Timer lateness;
    final Timer run;

    Series(MeterRegistry registry, String task, String queue) {
      fired = counter(registry, "courier.tasks.fired", "Tasks this node fired (stored in Redis)", task, queue);
      started = counter(registry, "courier.tasks.started", "Attempts this node started", task, queue);
      succeeded = counter(registry, "courier.tasks.succeeded", "Tasks this node ran to success", task, queue);
      retried = counter(registry, "courier.tasks.retried", "Failed attempts this node scheduled again", task, queue);
      for (DeadReason reason : DeadReason.values()) {
        dead.put(reason, Counter.builder("courier.tasks.dead").description("Tasks this node sent to the dead set")
          .tags("task", task, "queue", queue, "reason", reason.label()).register(registry));
      }
      queueWait = timer(registry, "courier.task.queue.wait", "From an attempt's due time to its start", task, queue);
      lateness = timer(registry, "courier.task.delay.lateness",
        "From the due time of a delayed or retried attempt to its start", task, queue);
      run = timer(registry, "courier.task.run", "How long an attempt's body ran", task, queue);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String task,
                                   String queue) {
      return Counter.builder(name).description(description).tags("task", task, "queue", queue).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String name, String description, String task, String queue) {
      return Timer.builder(name).description(description).tags("task", task, "queue", queue)
        .serviceLevelObjectives(Buckets.TASK).register(registry);
    }
  }
}
