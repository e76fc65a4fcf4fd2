package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.internal.testing.Eventually;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.launch.script.ScriptTasks;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskCall;
import dev.courier.task.TaskClient;
import dev.courier.task.TaskReceipt;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compile-checked calls on a node: {@code tasks.call(TypedTasks::mail).fire(...)} runs the task with its arguments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypedCallTest {

  private TestNode app;
  private TaskClient tasks;

  @BeforeAll
  void start() {
    app = TestNode.start(new TaskTestService(new TypedTasks()), RedisFixture.shared().url(),
      new JsonObject().put("role", "all"));
    tasks = app.node.tasks();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private static List<Object> runOf(String taskId) {
    return Eventually.until(Duration.ofSeconds(10), () -> TypedTasks.run(taskId), Objects::nonNull);
  }

  @Test
  void a_typed_call_runs_the_task_with_its_arguments() {
    String id = tasks.call(TypedTasks::mail).fire("bob@example.org", "Hi", List.of("a", "b")).await().taskId();
    assertThat(runOf(id)).containsExactly("bob@example.org", "Hi", List.of("a", "b"));
  }

  @Test
  void every_arity_from_none_to_six_fires() {
    Instant when = Instant.parse("2026-01-02T03:04:05Z");
    String none = tasks.call(TypedTasks::none).fire().await().taskId();
    String one = tasks.call(TypedTasks::count).fire(42).await().taskId();
    String six = tasks.call(TypedTasks::six).fire("a", 1, 2L, true, when, TypedTasks.Tone.LOUD).await().taskId();
    assertThat(runOf(none)).isEmpty();
    assertThat(runOf(one)).containsExactly(42);
    assertThat(runOf(six)).containsExactly("a", 1, 2L, true, when, TypedTasks.Tone.LOUD);
  }

  @Test
  void delay_and_at_answer_new_calls_and_leave_the_original_as_declared() {
    TaskCall.Of1<Integer> count = tasks.call(TypedTasks::count);
    Instant before = Instant.now();
    TaskReceipt later = count.delay(Duration.ofHours(1)).fire(1).await();
    TaskReceipt at = count.at(before.plus(2, ChronoUnit.HOURS)).fire(2).await();
    TaskReceipt now = count.fire(3).await();
    assertThat(later.dueAt()).isAfterOrEqualTo(before.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
    assertThat(at.dueAt()).isEqualTo(before.plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
    assertThat(now.dueAt()).isBefore(before.plusSeconds(60));
    assertThat(runOf(now.taskId())).containsExactly(3);
    assertThat(TaskTestService.status(app, later.taskId()).state().wireName()).isEqualTo("delayed");
  }

  @Test
  void fire_all_takes_a_list_for_one_argument_and_readers_for_more() {
    List<TaskReceipt> counts = tasks.call(TypedTasks::count).fireAll(List.of(7, 8)).await();
    List<TaskReceipt> nones = tasks.call(TypedTasks::none).fireAll(2).await();
    record Mail(String to, String subject) {
    }
    List<TaskReceipt> mails = tasks.call(TypedTasks::mail).fireAll(
      List.of(new Mail("x@example.org", "X"), new Mail("y@example.org", "Y")), Mail::to, Mail::subject,
      m -> List.of("batch")).await();
    assertThat(runOf(counts.get(0).taskId())).containsExactly(7);
    assertThat(runOf(counts.get(1).taskId())).containsExactly(8);
    assertThat(nones).hasSize(2).allSatisfy(r -> assertThat(runOf(r.taskId())).isEmpty());
    assertThat(runOf(mails.get(1).taskId())).containsExactly("y@example.org", "Y", List.of("batch"));
  }

  @Test
  void values_the_compiler_cannot_see_are_still_checked_at_once() {
    assertThatThrownBy(() -> tasks.call(TypedTasks::count).fire(null)).isInstanceOf(TaskArgumentException.class)
      .hasMessageContaining("task 'typedCount' parameter 'n'").hasMessageContaining("null for a primitive");
    assertThatThrownBy(() -> tasks.call(TypedTasks::count).fireAll(Arrays.asList(1, null)))
      .isInstanceOf(TaskArgumentException.class).hasMessageStartingWith("call 1 of 2: task 'typedCount'");
  }

  @Test
  void a_typed_call_of_a_class_no_bean_registers_is_refused_where_it_is_written() {
    assertThatThrownBy(() -> tasks.call(ScriptTasks::note)).isInstanceOf(TaskArgumentException.class)
      .hasMessage("no task named 'scriptNote' is registered; register an instance of ScriptTasks with"
        + " setup.tasks(bean)");
  }

  @Test
  void a_call_by_name_is_immutable_too() {
    TaskCall byName = tasks.task("typedCount");
    TaskCall delayed = byName.delay(Duration.ofHours(1));
    assertThat(delayed).isNotSameAs(byName);
    String id = byName.fire(5).await().taskId();
    assertThat(runOf(id)).containsExactly(5);
  }
}
