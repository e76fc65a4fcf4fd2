package dev.courier.internal.testing;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;

/**
 * A service that only runs tasks: it has no contract, and says so loudly if a node asks for one (a worker-only node
 * must not).
 */
public final class WorkerOnlyService implements CourierService {

  private final Object[] beans;

  public WorkerOnlyService(Object... beans) {
    this.beans = beans;
  }

  @Override
  public String contract() {
    throw new AssertionError("a worker-only node asked for the contract");
  }

  @Override
  public void setup(ServiceSetup setup) {
    for (Object bean : beans) {
      setup.tasks(bean);
    }
  }
}
