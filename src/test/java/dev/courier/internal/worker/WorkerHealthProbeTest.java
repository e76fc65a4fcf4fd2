package dev.courier.internal.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness of the workers: not before they consume, not while a problem is reported, not once they stop. */
class WorkerHealthProbeTest {

  @Test
  void not_ready_until_started_nor_while_a_problem_is_reported_nor_when_stopping() {
    WorkerHealth health = new WorkerHealth();
    assertThat(health.probe().failed()).isTrue();
    assertThat(health.probe().cause()).hasMessageContaining("starting");
    health.started();
    assertThat(health.probe().succeeded()).isTrue();
    health.problem("reading queue default", "failing: Connection refused");
    health.problem("lease renewal", "failing: timeout");
    assertThat(health.probe().cause()).hasMessage(
      "lease renewal: failing: timeout; reading queue default: failing: Connection refused");
    health.ok("reading queue default");
    health.ok("lease renewal");
    assertThat(health.probe().succeeded()).isTrue();
    health.stopping();
    assertThat(health.probe().cause()).hasMessageContaining("stopping");
  }
}
