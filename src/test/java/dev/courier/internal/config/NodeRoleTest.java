package dev.courier.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeRoleTest {

  @Test
  void allRunsBoth() {
    assertThat(NodeRole.ALL.runsApi()).isTrue();
    assertThat(NodeRole.ALL.runsWorkers()).isTrue();
  }

  @Test
  void apiRunsOnlyTheApi() {
    assertThat(NodeRole.API.runsApi()).isTrue();
    assertThat(NodeRole.API.runsWorkers()).isFalse();
  }

  @Test
  void workerRunsOnlyWorkers() {
    assertThat(NodeRole.WORKER.runsApi()).isFalse();
    assertThat(NodeRole.WORKER.runsWorkers()).isTrue();
  }
}
