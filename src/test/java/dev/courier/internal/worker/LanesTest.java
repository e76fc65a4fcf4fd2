package dev.courier.internal.worker;

import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs go to the lanes in turn, also across the turn counter's overflow (after 2^31 runs), each on a fresh duplicate
 * of its lane; none goes to the home loop, and only the home loop hands them out.
 */
@Timeout(10)
class LanesTest {

  private final HomeHarness harness = new HomeHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void runs_go_to_the_lanes_in_turn_across_the_counter_overflow() {
    VertxInternal vertx = (VertxInternal) harness.vertx;
    List<ContextInternal> contexts = List.of(vertx.createEventLoopContext(), vertx.createEventLoopContext(),
      vertx.createEventLoopContext());
    Lanes lanes = new Lanes(Integer.MAX_VALUE - 1);
    contexts.forEach(lanes::add);
    lanes.home(harness.home);
    List<ContextInternal> handedOut = harness.onHome(() -> {
      List<ContextInternal> runs = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        runs.add(lanes.nextRunContext());
      }
      return runs;
    });
    assertThat(handedOut).allSatisfy(run -> assertThat(run.isDuplicate()).isTrue());
    List<Integer> turns = handedOut.stream().map(run -> contexts.indexOf(run.unwrap())).toList();
    int first = turns.get(0);
    assertThat(turns).as("in turn, through Integer.MAX_VALUE")
      .containsExactly(first, (first + 1) % 3, (first + 2) % 3, first, (first + 1) % 3, (first + 2) % 3, first);
    assertThat(handedOut).noneMatch(run -> run.unwrap() == harness.home.context());
  }

  @Test
  void only_the_home_loop_hands_out_runs() {
    Lanes lanes = new Lanes();
    lanes.add(harness.lane);
    lanes.home(harness.home);
    assertThatThrownBy(lanes::nextRunContext).isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("Lanes runs on the workers' home loop only");
  }
}
