package dev.courier.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a function counter or gauge reads lives as long as its registry, not only as long as something keeps the node
 * that registered it (a program embedding Courier may drop its node and go on scraping); a closed node takes its
 * meters away, so the next node on the same registry registers its own.
 */
class FunctionMetersHeldTest {

  @Test
  void meters_keep_counting_after_a_gc_when_nothing_holds_the_node() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicLong count = new AtomicLong();
    register(registry, count); // the node and its lambdas are dropped at once
    collectGarbage();
    count.set(7);
    assertThat(registry.get("test.count").functionCounter().count()).isEqualTo(7);
    assertThat(registry.get("test.gauge").gauge().value()).isEqualTo(7);
  }

  @Test
  void a_closed_node_takes_its_meters_away_and_a_second_registration_is_refused() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    NodeMetrics first = NodeMetrics.on(registry);
    first.countFrom("test.count", "a count", () -> 1);
    assertThatThrownBy(() -> first.countFrom("test.count", "again", () -> 2)).hasMessageContaining("twice");
    first.close();
    assertThat(registry.find("test.count").functionCounter()).isNull();
    NodeMetrics second = NodeMetrics.on(registry);
    second.countFrom("test.count", "a count", () -> 3);
    collectGarbage();
    FunctionCounter counter = registry.get("test.count").functionCounter();
    assertThat(counter.count()).isEqualTo(3);
  }

  private static void register(SimpleMeterRegistry registry, AtomicLong count) {
    NodeMetrics node = NodeMetrics.on(registry);
    node.countFrom("test.count", "a count", () -> count.get());
    node.gaugeFrom("test.gauge", "a gauge", () -> count.get());
  }

  private static void collectGarbage() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    for (int i = 0; i < 20 && canary.get() != null; i++) {
      System.gc();
    }
    assertThat(canary.get()).as("a GC ran").isNull();
  }
}
