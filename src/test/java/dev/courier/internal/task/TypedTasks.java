package dev.courier.internal.task;

import dev.courier.context.CallContext;
import dev.courier.task.AsyncTask;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tasks of several arities for typed calls; each run notes its arguments by task id. Public: snippets compile it. */
public final class TypedTasks {

  public enum Tone { PLAIN, LOUD }

  private static final Map<String, List<Object>> RUNS = new ConcurrentHashMap<>();

  @AsyncTask(name = "typedNone")
  public void none() {
    note();
  }

  @AsyncTask(name = "typedCount")
  public Future<Void> count(int n) {
    note(n);
    return Future.succeededFuture();
  }

  @AsyncTask(name = "typedMail")
  public Future<Void> mail(String to, String subject, List<String> tags) {
    note(to, subject, tags);
    return Future.succeededFuture();
  }

  @AsyncTask(name = "typedSix")
  public String six(String a, int b, long c, boolean d, Instant e, Tone f) {
    note(a, b, c, d, e, f);
    return "a value nobody reads";
  }

  /** Not public: the registry does not see it, and a typed call of it is refused. */
  @AsyncTask(name = "typedHidden")
  void hidden(String a) {
  }

  /** Static: never a task. */
  @AsyncTask(name = "typedStatic")
  public static void lonely(String a, String b) {
  }

  /** @return the arguments the run of {@code taskId} saw, or null before it ran */
  public static List<Object> run(String taskId) {
    return RUNS.get(taskId);
  }

  private static void note(Object... args) {
    RUNS.put(CallContext.current().taskId(), Arrays.asList(args));
  }
}
