package dev.courier.internal.testing;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;

/** A service as {@code base} sets it up, plus more task beans: a test's own tasks beside the example's endpoints. */
public final class ServiceWithTasks implements CourierService {

  private final CourierService base;
  private final Object[] beans;

  public ServiceWithTasks(CourierService base, Object... beans) {
    this.base = base;
    this.beans = beans;
  }

  @Override
  public String contract() {
    return base.contract();
  }

  @Override
  public void setup(ServiceSetup setup) {
    base.setup(setup);
    for (Object bean : beans) {
      setup.tasks(bean);
    }
  }
}
