package dev.courier.launch.script;

import dev.courier.context.CallContext;
import dev.courier.context.Principal;
import dev.courier.task.AsyncTask;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tasks that a program without a node fires and a worker node runs. Each run is noted by its marker, in the JVM that
 * runs it. Public API only: {@link FireOnce} runs with this class and the library on its classpath, nothing else.
 */
public final class ScriptTasks {

  /** What one run saw: its arguments and its call context ({@code principal} null when anonymous). */
  public record Run(String marker, int times, Principal principal, String requestId, String taskId) {
  }

  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  @AsyncTask(name = "scriptNote")
  public void note(String marker, int times) {
    CallContext call = CallContext.current();
    RUNS.put(marker, new Run(marker, times, call.principal(), call.requestId(), call.taskId()));
  }

  /** Not a task: a typed call of it must be refused. */
  public void helper(String marker) {
    RUNS.remove(marker);
  }

  /** @return the run noted for {@code marker}, or null */
  public static Run run(String marker) {
    return RUNS.get(marker);
  }
}
