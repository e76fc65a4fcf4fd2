package com.example.svc;

import dev.courier.context.CallContext;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskClient;
import io.vertx.core.Future;

/** Only the API: what the README shows a service doing. */
public class Greetings {
  @AsyncTask(name = "greet")
  public String greet(String name) {
    return "Hello, " + name + " from " + CallContext.find().map(CallContext::subject).orElse("nobody");
  }

  Future<?> fire(TaskClient tasks) {
    return tasks.call(Greetings::greet).fire("Ada");
  }
}
