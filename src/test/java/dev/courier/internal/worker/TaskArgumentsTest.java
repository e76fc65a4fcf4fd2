package dev.courier.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.api.ModelMapper;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shortcut for plain values gives what the model mapper gives, and steps aside for anything else. */
class TaskArgumentsTest {

  @Test
  void plain_values_pass_as_the_mapper_would_convert_them() {
    Object[][] cases = {{"x", String.class}, {null, String.class}, {true, boolean.class}, {false, Boolean.class},
      {7, int.class}, {7, Integer.class}, {7, long.class}, {9_000_000_000L, Long.class}, {2.5, double.class},
      {3, Double.class}, {4L, double.class}};
    for (Object[] c : cases) {
      Object shortcut = TaskArguments.plain(c[0], (Type) c[1]);
      assertThat(shortcut).as("%s as %s", c[0], c[1]).isEqualTo(ModelMapper.convert(c[0], (Type) c[1]));
    }
  }

  @Test
  void anything_else_goes_to_the_mapper() {
    Object none = TaskArguments.plain(List.of(1), List.class);
    assertThat(TaskArguments.plain(2.5, long.class)).isSameAs(none);
    assertThat(TaskArguments.plain(null, int.class)).isSameAs(none);
    assertThat(TaskArguments.plain(9_000_000_000L, int.class)).isSameAs(none);
    assertThat(TaskArguments.plain("7", int.class)).isSameAs(none);
    assertThat(TaskArguments.plain(1, String.class)).isSameAs(none);
  }
}
