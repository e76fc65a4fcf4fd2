package dev.courier.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every queue is in every round's order; a queue of weight w comes first about w times as often as weight 1. */
class FairOrderTest {

  @Test
  void every_queue_is_asked_and_weights_set_how_often_it_is_asked_first() {
    Map<String, Integer> weights = Map.of("heavy", 3, "light", 1);
    int heavyFirst = 0;
    int rounds = 20_000;
    for (int i = 0; i < rounds; i++) {
      List<String> order = FairOrder.draw(List.of("light", "heavy"), weights::get);
      assertThat(order).containsExactlyInAnyOrder("light", "heavy");
      heavyFirst += order.get(0).equals("heavy") ? 1 : 0;
    }
    assertThat(heavyFirst / (double) rounds).isBetween(0.70, 0.80);
  }
}
