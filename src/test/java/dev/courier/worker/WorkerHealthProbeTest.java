package dev.courier.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness of the workers: not before they are deployed, not while a fetcher waits for Redis. */
class WorkerHealthProbeTest {

  @Test
  void not_ready_until_started_nor_while_a_fetcher_is_paused() {
    WorkerHealth health = new WorkerHealth();
    assertThat(health.probe().failed()).isTrue();
    assertThat(health.probe().cause()).hasMessageContaining("starting");
    health.started();
    assertThat(health.probe().succeeded()).isTrue();
    health.paused("worker-1/default");
    assertThat(health.probe().cause()).hasMessageContaining("worker-1/default");
    health.resumed("worker-1/default");
    assertThat(health.probe().succeeded()).isTrue();
  }
}
