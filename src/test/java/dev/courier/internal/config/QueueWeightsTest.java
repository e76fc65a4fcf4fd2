package dev.courier.internal.config;

import static dev.courier.internal.config.ConfigFixtures.failureOf;
import static dev.courier.internal.config.ConfigFixtures.load;
import static dev.courier.internal.config.ConfigFixtures.minimal;
import static dev.courier.internal.config.ConfigFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueWeightsTest {

  @Test
  void weights_come_from_the_file_or_the_environment_and_unlisted_queues_weigh_one() {
    CourierConfig file = load(minimalWith("tasks.queueWeights", new JsonObject().put("emails", 3)));
    assertThat(file.tasks().weightOf("emails")).isEqualTo(3);
    assertThat(file.tasks().weightOf("default")).isEqualTo(1);

    CourierConfig env = load(minimal(), Map.of("COURIER_TASKS_QUEUE_WEIGHTS", "emails=5, reports=2"));
    assertThat(env.tasks().queueWeights()).isEqualTo(Map.of("emails", 5, "reports", 2));
  }

  @Test
  void a_bad_weight_names_the_key() {
    failureOf(minimalWith("tasks.queueWeights", new JsonObject().put("emails", 0))).contains("tasks.queueWeights");
    failureOf(minimalWith("tasks.queueWeights", new JsonObject().put("bad name", 2))).contains("tasks.queueWeights");
    failureOf(minimalWith("tasks.queueWeights", new JsonObject().put("emails", "3"))).contains("tasks.queueWeights");
    failureOf(minimal(), Map.of("COURIER_TASKS_QUEUE_WEIGHTS", "emails")).contains("COURIER_TASKS_QUEUE_WEIGHTS");
  }
}
