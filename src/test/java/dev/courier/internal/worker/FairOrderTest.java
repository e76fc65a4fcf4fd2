package dev.courier.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A queue of weight w is picked about w times as often as one of weight 1, and a queue of weight 1 still is. */
class FairOrderTest {

  @Test
  void weights_set_how_often_a_queue_is_picked() {
    Map<String, Integer> weights = Map.of("heavy", 3, "light", 1);
    int heavy = 0;
    int rounds = 20_000;
    for (int i = 0; i < rounds; i++) {
      heavy += FairOrder.pick(List.of("light", "heavy"), weights::get).equals("heavy") ? 1 : 0;
    }
    assertThat(heavy / (double) rounds).isBetween(0.70, 0.80);
  }
}
