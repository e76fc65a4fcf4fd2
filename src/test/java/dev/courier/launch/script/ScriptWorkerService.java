package dev.courier.launch.script;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;

/** A worker-only service of {@link ScriptTasks}, for a node started from the library's classpath alone. */
public final class ScriptWorkerService implements CourierService {

  @Override
  public String contract() {
    throw new IllegalStateException("a worker-only node serves no contract");
  }

  @Override
  public void setup(ServiceSetup setup) {
    setup.tasks(new ScriptTasks());
  }
}
