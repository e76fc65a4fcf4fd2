package dev.courier.internal.queue;

import java.util.List;

/**
 * One page of a queue's tasks in one state, in the order of their container (see {@link QueueAdmin#page}).
 *
 * @param nextCursor where the next page starts, or {@code null} when this one is the last
 */
public record TaskPage(List<TaskRecord> tasks, String nextCursor) {

  public TaskPage {
    tasks = List.copyOf(tasks);
  }
}
