package dev.courier.internal.task;

import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A task naming a queue the queue layer cannot build keys for is refused when registered, not when fired. */
class TaskQueueNameTest {

  public static final class BadQueue {
    @AsyncTask(name = "braced", queue = "{evil}")
    public void braced(String s) {
    }
  }

  @Test
  void a_queue_name_with_braces_is_refused_at_registration() {
    TaskRegistry registry = new TaskRegistry(3, Duration.ofSeconds(10));
    assertThatThrownBy(() -> registry.register(new BadQueue()))
      .isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("braced").hasMessageContaining("{evil}");
  }
}
