package dev.courier.internal.queue;

import dev.courier.task.TaskState;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The task lifecycle as data: every legal move and the script that makes it. Tests check that each script only
 * makes moves listed here.
 * <pre>
 *   (new)    -> queued | delayed     enqueue, enqueueMany
 *   (none)   -> dead                 claim / bury of an id with no hash (never dropped silently)
 *   delayed  -> queued               promoteDue
 *   retrying -> queued               promoteDue
 *   queued   -> running              claim (read and started in one script)
 *   running  -> succeeded            complete
 *   running  -> retrying             retry
 *   running  -> dead                 bury (bad envelope, unknown task, NoRetry, attempts exhausted)
 *   running  -> queued               reclaimExpired (lease expired), release (claimed by a stopping node, unstarted)
 *   running  -> delayed              defer (signed with a key this node does not hold, or an unknown task name: left
 *                                    for a node that holds the key or knows the task)
 *   queued | delayed | retrying | unknown -> dead
 *                                    claim, of a damaged record (a state no script writes, no envelope, garbage in
 *                                    attempts or max_attempts, a key that is not a hash): buried at its first reading
 * </pre>
 * {@link TaskState#UNKNOWN} is how a reader sees a state no script writes; its only move is to dead. Workers never
 * move a final task; an operator may, through the admin API, and only along {@link #byOperator}:
 * <pre>
 *   dead     -> queued               retryDead (attempts back to 0)
 * </pre>
 * (deleteDead and purgeDead remove dead tasks; they move no task to another state.)
 */
public final class AllowedTransitions {

  private static final Set<TaskState> INITIAL = EnumSet.of(TaskState.QUEUED, TaskState.DELAYED, TaskState.DEAD);
  private static final Map<TaskState, Set<TaskState>> MOVES = new EnumMap<>(TaskState.class);
  private static final Map<TaskState, Set<TaskState>> OPERATOR_MOVES = new EnumMap<>(TaskState.class);

  static {
    // every non-final state may be found damaged when claimed (a field no script writes so): then it goes to dead
    MOVES.put(TaskState.DELAYED, EnumSet.of(TaskState.QUEUED, TaskState.DEAD));
    MOVES.put(TaskState.RETRYING, EnumSet.of(TaskState.QUEUED, TaskState.DEAD));
    MOVES.put(TaskState.QUEUED, EnumSet.of(TaskState.RUNNING, TaskState.DEAD));
    MOVES.put(TaskState.RUNNING,
        EnumSet.of(TaskState.SUCCEEDED, TaskState.RETRYING, TaskState.DEAD, TaskState.QUEUED, TaskState.DELAYED));
    MOVES.put(TaskState.SUCCEEDED, EnumSet.noneOf(TaskState.class));
    MOVES.put(TaskState.DEAD, EnumSet.noneOf(TaskState.class));
    MOVES.put(TaskState.UNKNOWN, EnumSet.of(TaskState.DEAD));
    for (TaskState state : TaskState.values()) {
      OPERATOR_MOVES.put(state, EnumSet.noneOf(TaskState.class));
    }
    OPERATOR_MOVES.put(TaskState.DEAD, EnumSet.of(TaskState.QUEUED));
  }

  private AllowedTransitions() {
  }

  /** True if a script may move a task from {@code from} ({@code null}: no hash yet) to {@code to}. */
  public static boolean isAllowed(TaskState from, TaskState to) {
    return from == null ? INITIAL.contains(to) : MOVES.get(from).contains(to);
  }

  /** The states reachable from {@code from} in one move ({@code null}: no hash yet). */
  public static Set<TaskState> from(TaskState from) {
    return from == null ? EnumSet.copyOf(INITIAL) : EnumSet.copyOf(MOVES.get(from));
  }

  /** The states an operator's script may move a task in state {@code from} to (admin API). */
  public static Set<TaskState> byOperator(TaskState from) {
    return EnumSet.copyOf(OPERATOR_MOVES.get(from));
  }
}
