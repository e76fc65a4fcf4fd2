package com.example.starter;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.api.Reply;
import dev.courier.task.TaskClient;

/**
 * The service: its contract, its handler and its task. Courier finds it through
 * {@code META-INF/services/dev.courier.CourierService}.
 */
public final class HelloService implements CourierService {

  @Override
  public String contract() {
    return "openapi/hello.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    String greeting = setup.settings().getString("greeting", "Hello");
    TaskClient tasks = setup.taskClient();
    setup
      .tasks(new GreetingTasks(greeting))
      .operation("greet", request -> {
        GreetingRequest body = request.body(GreetingRequest.class);
        // compile-checked: a wrong argument type or count for GreetingTasks.greet does not compile
        return tasks.call(GreetingTasks::greet).fire(body.name())
          .map(receipt -> Reply.accepted(new GreetingQueued(receipt.taskId())));
      });
  }
}
