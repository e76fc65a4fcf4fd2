package dev.courier.internal.task;

import dev.courier.launch.script.ScriptTasks;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskMethod;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A method reference becomes the method it names; anything else is refused, naming what was given. */
class TaskMethodsTest {

  private static Method of(TaskMethod.A0<?> reference) {
    return TaskMethods.of(reference);
  }

  @Test
  void an_unbound_reference_names_its_method_once_per_call_site() throws Exception {
    List<Method> found = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TaskMethod.A3<TypedTasks, String, String, List<String>> mail = TypedTasks::mail;
      found.add(TaskMethods.of(mail));
    }
    assertThat(found.get(0)).isEqualTo(TypedTasks.class.getMethod("mail", String.class, String.class, List.class));
    assertThat(found).allSatisfy(m -> assertThat(m).isSameAs(found.get(0)));
    TaskMethod.A1<TypedTasks, Integer> count = TypedTasks::count;
    assertThat(TaskMethods.of(count).getName()).isEqualTo("count");
  }

  @Test
  void a_method_returning_a_value_fits_the_void_shapes() throws Exception {
    TaskMethod.A6<TypedTasks, String, Integer, Long, Boolean, java.time.Instant, TypedTasks.Tone> six = TypedTasks::six;
    assertThat(TaskMethods.of(six).getReturnType()).isEqualTo(String.class);
  }

  @Test
  void a_method_without_async_task_is_refused_by_name() {
    TaskMethod.A1<ScriptTasks, String> helper = ScriptTasks::helper;
    assertThatThrownBy(() -> TaskMethods.of(helper)).isInstanceOf(TaskArgumentException.class)
      .hasMessage("ScriptTasks.helper(String) cannot be fired as a task: it has no @AsyncTask annotation");
  }

  @Test
  void a_lambda_is_refused() {
    TaskMethod.A1<TypedTasks, Integer> lambda = (tasks, n) -> tasks.count(n);
    assertThatThrownBy(() -> TaskMethods.of(lambda)).isInstanceOf(TaskArgumentException.class)
      .hasMessage("a lambda cannot be fired as a task: call(...) takes a method reference to an @AsyncTask method,"
        + " like EmailTasks::sendEmail");
  }

  @Test
  void a_reference_bound_to_an_instance_is_refused() {
    TypedTasks bean = new TypedTasks();
    TaskMethod.A0<Integer> bound = bean::count; // compiles: the instance takes the bean's place
    assertThatThrownBy(() -> of(bound)).isInstanceOf(TaskArgumentException.class)
      .hasMessage("TypedTasks.count(int) cannot be fired as a task: the reference is bound to an instance; write"
        + " TypedTasks::count (the worker runs it on its own registered bean)");
  }

  @Test
  void static_and_non_public_methods_are_refused() {
    TaskMethod.A1<String, String> lonely = TypedTasks::lonely;
    assertThatThrownBy(() -> TaskMethods.of(lonely)).hasMessageEndingWith("it is static; a task is an instance method"
      + " of its bean");
    TaskMethod.A1<TypedTasks, String> hidden = TypedTasks::hidden;
    assertThatThrownBy(() -> TaskMethods.of(hidden)).hasMessage("TypedTasks.hidden(String) cannot be fired as a task:"
      + " it is not public");
  }

  @Test
  void a_class_implementing_a_shape_is_refused() {
    assertThatThrownBy(() -> of(new NotAReference())).isInstanceOf(TaskArgumentException.class)
      .hasMessageStartingWith(NotAReference.class.getName() + " cannot be fired as a task");
  }

  private static final class NotAReference implements TaskMethod.A0<TypedTasks> {
    @Override
    public void run(TypedTasks bean) {
      bean.none();
    }
  }
}
