package dev.courier.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a completion costs the script call: a task without a result sends exactly the pair it always sent. */
class CompletionTest {

  private static final Claim CLAIM = new Claim("1700000000000-0", "01ARZ3NDEKTSV4RRFFQ69G5FAV");

  private static List<String> args(Completion c) {
    List<String> args = new ArrayList<>();
    c.addArgs(args);
    return args;
  }

  @Test
  void a_task_without_a_result_adds_only_its_entry_and_id() {
    assertThat(args(Completion.of(CLAIM))).containsExactly("1700000000000-0", "01ARZ3NDEKTSV4RRFFQ69G5FAV");
  }

  @Test
  void a_result_or_the_reason_for_none_is_a_marked_triple() {
    assertThat(args(Completion.withResult(CLAIM, "{\"n\":1}")))
        .containsExactly("+1700000000000-0", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "{\"n\":1}");
    assertThat(args(Completion.resultNotStored(CLAIM, "too big")))
        .containsExactly("!1700000000000-0", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "too big");
  }

  @Test
  void a_completion_has_a_result_or_a_reason_not_both() {
    assertThatThrownBy(() -> new Completion(CLAIM, "1", "why")).isInstanceOf(IllegalArgumentException.class);
  }
}
